import type { Storage } from '../../storage/storage.js';

/** A sale handed over at a store's till, to be posted as a cash sale where the shop opts in. */
export interface StoreSale {
  /** The Shopify order id: the NetSuite externalId is `trueshelf-sale-<orderId>`. */
  readonly orderId: string;
  readonly orderName?: string;
  readonly locationHandle: string;
  /** UTC ISO-8601; the cash sale is dated that day at the store. */
  readonly soldAt: string;
  readonly lines: readonly StoreSaleLine[];
}

export interface StoreSaleLine {
  readonly itemId: string;
  readonly quantity: number;
  /** The line's net amount in cents; without it NetSuite prices the line from the item. */
  readonly amountCents?: number;
  /** Tax collected on the line in cents (needed when tax is overridden). */
  readonly taxCents?: number;
}

export function storeSaleExternalId(orderId: string): string {
  return `trueshelf-sale-${orderId}`;
}

/**
 * The POS sale of a Shopify order as the mirror holds it, or undefined when the order is not a
 * POS order at a known location. Fact lines keep no prices, so the lines carry none and
 * NetSuite prices them from the item: a caller with the order payload should pass amounts.
 */
export async function storeSaleFromOrder(
  storage: Storage,
  orderId: string,
): Promise<StoreSale | undefined> {
  const order = await storage.db
    .selectFrom('orders')
    .select(['id', 'name', 'source_name', 'location_handle', 'created_at', 'cancelled_at'])
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (order?.source_name !== 'pos' || order.location_handle === null) return undefined;
  if (order.cancelled_at !== null || order.created_at === null) return undefined;

  const facts = await storage.db
    .selectFrom('fact_lines')
    .select(['item_id', 'quantity'])
    .where('kind', '=', 'order')
    .where('ref', '=', orderId)
    .where('item_id', 'is not', null)
    .orderBy('line_ref')
    .execute();
  const lines = facts.flatMap((fact) =>
    fact.item_id === null || fact.quantity <= 0
      ? []
      : [{ itemId: fact.item_id, quantity: fact.quantity }],
  );

  return {
    orderId,
    ...(order.name !== null ? { orderName: order.name } : {}),
    locationHandle: order.location_handle,
    soldAt: order.created_at,
    lines,
  };
}
