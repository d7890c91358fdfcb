import { erpDb } from '../../engine/erp/erp-database.js';
import type { Storage } from '../../storage/storage.js';

/**
 * A Shopify document that took units off on hand, which NetSuite books only once the
 * connector imports it: a POS sale (imported as a cash sale, keyed by the order id), or the
 * fulfilment of an online order (imported as an item fulfilment, keyed by the fulfilment id).
 * An online order itself moves only committed, which is not compared.
 */
export interface OnHandSale {
  readonly kind: 'order' | 'fulfillment';
  /** The Shopify order id for a POS sale, the fulfilment id for a fulfilment. */
  readonly ref: string;
  readonly itemId: string;
  readonly quantity: number;
  readonly occurredAt: string;
}

/** Sales and fulfilments at one location since `since`, cancelled orders left out. */
export async function loadOnHandSales(
  storage: Storage,
  locationHandle: string,
  since: string,
): Promise<OnHandSale[]> {
  const db = erpDb(storage);
  const posSales = await db
    .selectFrom('fact_lines')
    .innerJoin('orders', 'orders.id', 'fact_lines.ref')
    .select([
      'fact_lines.ref as ref',
      'fact_lines.item_id as itemId',
      'fact_lines.quantity as quantity',
      'fact_lines.occurred_at as occurredAt',
    ])
    .where('fact_lines.kind', '=', 'order')
    .where('orders.source_name', '=', 'pos')
    .where('orders.cancelled_at', 'is', null)
    .where('fact_lines.item_id', 'is not', null)
    .where('fact_lines.occurred_at', '>=', since)
    .where((eb) =>
      eb.or([
        eb('fact_lines.location_handle', '=', locationHandle),
        eb.and([
          eb('fact_lines.location_handle', 'is', null),
          eb('orders.location_handle', '=', locationHandle),
        ]),
      ]),
    )
    .execute();

  // A POS order's own fulfilment is left out: the cash sale books the units.
  const fulfilments = await db
    .selectFrom('fact_lines')
    .leftJoin('orders', 'orders.id', 'fact_lines.order_id')
    .select([
      'fact_lines.ref as ref',
      'fact_lines.item_id as itemId',
      'fact_lines.quantity as quantity',
      'fact_lines.occurred_at as occurredAt',
    ])
    .where('fact_lines.kind', '=', 'fulfillment')
    .where((eb) =>
      eb.or([eb('orders.source_name', 'is', null), eb('orders.source_name', '!=', 'pos')]),
    )
    .where('fact_lines.item_id', 'is not', null)
    .where('fact_lines.location_handle', '=', locationHandle)
    .where('fact_lines.occurred_at', '>=', since)
    .execute();

  return [
    ...posSales.map((row) => ({ kind: 'order' as const, ...row, itemId: row.itemId as string })),
    ...fulfilments.map((row) => ({
      kind: 'fulfillment' as const,
      ...row,
      itemId: row.itemId as string,
    })),
  ];
}
