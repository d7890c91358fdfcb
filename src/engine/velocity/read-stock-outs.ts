import type { Kysely } from 'kysely';
import type { StockOutInterval } from '../../domain/velocity/stock-out.js';
import type { Database } from '../../storage/database-schema.js';

/**
 * The spans since `from` during which each item had no units on hand at the location, from
 * the ledger's `on_hand` movements: out of stock from a movement that leaves on hand at or
 * below zero until one that lifts it above. The state at `from` is the last movement before
 * it. On hand, not `available`, decides: a buffer trueshelf placed in `safety_stock` leaves
 * `available` at zero while the till can still sell, and that must not read as a stock-out.
 */
export async function readStockOuts(
  db: Kysely<Database>,
  locationHandle: string,
  from: string,
  itemIds: string[] | null,
  into: Map<string, StockOutInterval[]>,
): Promise<void> {
  let before = db
    .selectFrom('movements as m')
    .select(['m.item_id', 'm.quantity_after'])
    .where('m.location_handle', '=', locationHandle)
    .where('m.state', '=', 'on_hand')
    .where('m.occurred_at', '<', from)
    .where((eb) =>
      eb(
        'm.occurred_at',
        '=',
        eb
          .selectFrom('movements as p')
          .select((p) => p.fn.max<string>('p.occurred_at').as('last'))
          .whereRef('p.item_id', '=', 'm.item_id')
          .whereRef('p.location_handle', '=', 'm.location_handle')
          .where('p.state', '=', 'on_hand')
          .where('p.occurred_at', '<', from),
      ),
    );
  if (itemIds) before = before.where('m.item_id', 'in', itemIds);
  let during = db
    .selectFrom('movements')
    .select(['item_id', 'quantity_after', 'occurred_at'])
    .where('location_handle', '=', locationHandle)
    .where('state', '=', 'on_hand')
    .where('occurred_at', '>=', from)
    .orderBy('item_id')
    .orderBy('occurred_at');
  if (itemIds) during = during.where('item_id', 'in', itemIds);

  const open = new Map<string, Date>();
  for (const row of await before.execute()) {
    if (row.quantity_after <= 0) open.set(row.item_id, new Date(from));
  }
  for (const row of await during.execute()) {
    const outSince = open.get(row.item_id);
    if (row.quantity_after <= 0 && outSince === undefined) {
      open.set(row.item_id, new Date(row.occurred_at));
    } else if (row.quantity_after > 0 && outSince !== undefined) {
      push(into, row.item_id, { from: outSince, until: new Date(row.occurred_at) });
      open.delete(row.item_id);
    }
  }
  for (const [itemId, outSince] of open) push(into, itemId, { from: outSince, until: null });
}

function push(into: Map<string, StockOutInterval[]>, itemId: string, span: StockOutInterval) {
  const list = into.get(itemId) ?? [];
  list.push(span);
  into.set(itemId, list);
}
