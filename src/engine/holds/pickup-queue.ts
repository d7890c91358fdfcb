import type { HoldsDb } from './holds-database.js';

export interface PickupView {
  orderId: string;
  orderName: string | null;
  location: string | null;
  holdId: string | null;
  orderedAt: string;
  readyAt: string | null;
  cancelledAt: string | null;
  /** Shopify's reason in lower case: 'inventory' (the shelf was short), 'customer', ... */
  cancelReason: string | null;
  /** Seconds since the order was placed. */
  ageSeconds: number;
  /** When the store promised it: ordered + the location's pickup time. */
  dueAt: string | null;
  overdue: boolean;
  lines: { item: string | null; quantity: number }[];
}

/**
 * Pickup orders at a store (or every store), oldest first. `open`: not cancelled and not yet
 * handed over (no fulfilment fact for the order), with their age against the store's pickup
 * time. `cancelled`: with Shopify's reason, for the audit's list of causes.
 */
export async function listPickups(
  db: HoldsDb,
  filter: { status: 'open' | 'cancelled'; location?: string | undefined; limit: number },
  now: Date,
): Promise<PickupView[]> {
  let query = db
    .selectFrom('pickup_orders as p')
    .leftJoin('orders as o', 'o.id', 'p.order_id')
    .leftJoin('locations as loc', 'loc.handle', 'p.location_handle')
    .select([
      'p.order_id',
      'p.location_handle',
      'p.hold_id',
      'p.ordered_at',
      'p.ready_at',
      'p.cancel_reason',
      (eb) => eb.fn.coalesce('p.cancelled_at', 'o.cancelled_at').as('cancelled_at'),
      'o.name',
      'loc.pickup_time_hours',
    ])
    .orderBy('p.ordered_at')
    .orderBy('p.order_id')
    .limit(filter.limit);
  if (filter.location !== undefined) query = query.where('p.location_handle', '=', filter.location);
  if (filter.status === 'cancelled') {
    query = query.where((eb) =>
      eb.or([eb('p.cancelled_at', 'is not', null), eb('o.cancelled_at', 'is not', null)]),
    );
  } else {
    query = query
      .where('p.cancelled_at', 'is', null)
      .where('o.cancelled_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('fact_lines as f')
              .select('f.id')
              .whereRef('f.order_id', '=', 'p.order_id')
              .where('f.kind', '=', 'fulfillment'),
          ),
        ),
      );
  }
  const rows = await query.execute();
  if (rows.length === 0) return [];

  const lines = await db
    .selectFrom('fact_lines')
    .select(['order_id', 'item_id', 'quantity'])
    .where('kind', '=', 'order')
    .where(
      'order_id',
      'in',
      rows.map((row) => row.order_id),
    )
    .orderBy('line_ref')
    .execute();

  return rows.map((row) => {
    const ordered = new Date(row.ordered_at).getTime();
    const due = row.pickup_time_hours === null ? null : ordered + row.pickup_time_hours * 3_600_000;
    return {
      orderId: row.order_id,
      orderName: row.name,
      location: row.location_handle,
      holdId: row.hold_id,
      orderedAt: row.ordered_at,
      readyAt: row.ready_at,
      cancelledAt: row.cancelled_at,
      cancelReason: row.cancel_reason,
      ageSeconds: Math.max(0, Math.floor((now.getTime() - ordered) / 1000)),
      dueAt: due === null ? null : new Date(due).toISOString(),
      overdue:
        due !== null && row.ready_at === null && row.cancelled_at === null && now.getTime() > due,
      lines: lines
        .filter((line) => line.order_id === row.order_id)
        .map((line) => ({ item: line.item_id, quantity: line.quantity })),
    };
  });
}
