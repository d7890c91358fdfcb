import { compareLevels } from '../../domain/holds/hold-demand.js';
import { statusAt } from '../../domain/holds/hold-transitions.js';
import type { HoldStatus } from '../../domain/holds/hold-transitions.js';
import type { HoldsDb } from './holds-database.js';

export interface HoldLineView {
  item: string;
  sku: string | null;
  location: string;
  quantity: number;
}

/** A hold as the API shows it. */
export interface HoldView {
  id: string;
  cartId: string;
  /** As of now: an active hold whose time ran out shows `expired` before the sweeper gets to it. */
  status: HoldStatus;
  expiresAt: string;
  /** While `checkout`: until when the order that carries the cart converts it. */
  graceUntil: string | null;
  orderId: string | null;
  endReason: string | null;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
  lines: HoldLineView[];
}

export async function readHold(db: HoldsDb, holdId: string, now: Date): Promise<HoldView | null> {
  const [view] = await readHolds(db, [holdId], now);
  return view ?? null;
}

/** The holds with these ids, in the order given, with their lines. */
export async function readHolds(
  db: HoldsDb,
  holdIds: readonly string[],
  now: Date,
): Promise<HoldView[]> {
  if (holdIds.length === 0) return [];

  const holds = await db.selectFrom('holds').selectAll().where('id', 'in', holdIds).execute();
  const lines = await db
    .selectFrom('hold_lines')
    .leftJoin('items', 'items.id', 'hold_lines.item_id')
    .select([
      'hold_lines.hold_id',
      'hold_lines.item_id',
      'hold_lines.location_handle',
      'hold_lines.quantity',
      'items.sku',
    ])
    .where('hold_lines.hold_id', 'in', holdIds)
    .orderBy('hold_lines.location_handle')
    .orderBy('hold_lines.item_id')
    .execute();

  const byId = new Map(holds.map((hold) => [hold.id, hold]));
  return holdIds.flatMap((id) => {
    const hold = byId.get(id);
    if (!hold) return [];
    const expired =
      statusAt({ status: hold.status, expiresAt: hold.expires_at }, now) !== hold.status;
    return [
      {
        id: hold.id,
        cartId: hold.cart_id,
        status: expired ? 'expired' : hold.status,
        expiresAt: hold.expires_at,
        graceUntil: hold.grace_until,
        orderId: hold.order_id,
        endReason: expired ? 'ttl' : hold.end_reason,
        createdAt: hold.created_at,
        updatedAt: hold.updated_at,
        endedAt: expired ? hold.expires_at : hold.ended_at,
        lines: lines
          .filter((line) => line.hold_id === id)
          // In code point order whatever the database's collation, as a new hold lists them.
          .sort((a, b) =>
            compareLevels(
              { itemId: a.item_id, locationHandle: a.location_handle },
              { itemId: b.item_id, locationHandle: b.location_handle },
            ),
          )
          .map((line) => ({
            item: line.item_id,
            sku: line.sku,
            location: line.location_handle,
            quantity: line.quantity,
          })),
      },
    ];
  });
}
