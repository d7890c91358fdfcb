import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import type { ItemTable } from '../../storage/database-schema.js';
import { decodeCursor, pageOf } from '../page-cursor.js';
import { parseQuery } from '../parse-query.js';
import { cursorParam, limitParam, textParam } from '../query-params.js';

export const itemsQuery = z.strictObject({
  sku: textParam('a SKU').optional(),
  limit: limitParam(100, 500),
  cursor: cursorParam,
});

export interface ItemView {
  id: string;
  sku: string | null;
  barcode: string | null;
  title: string | null;
  shopifyInventoryItemId: string | null;
  shopifyVariantId: string | null;
  tracked: boolean;
  inventoryPolicy: string | null;
}

/**
 * `GET /v1/items`: the catalogue by item id. A SKU is a filter, not a key: it can be blank or
 * shared, so it may match several items. Deleted items are left out.
 */
export function registerItemsRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/items', { config: { scope: 'read' } }, async (request) => {
    const query = parseQuery(itemsQuery, request.query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 1)[0];

    let select = ctx.storage.db
      .selectFrom('items')
      .selectAll()
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .limit(query.limit + 1);
    if (query.sku !== undefined) select = select.where('sku', '=', query.sku);
    if (after !== undefined) select = select.where('id', '>', after);

    const page = pageOf(await select.execute(), query.limit, (row) => [row.id]);
    return { items: page.rows.map(itemView), nextCursor: page.nextCursor };
  });
}

function itemView(row: Selectable<ItemTable>): ItemView {
  return {
    id: row.id,
    sku: row.sku,
    barcode: row.barcode,
    title: row.title,
    shopifyInventoryItemId: row.shopify_inventory_item_id,
    shopifyVariantId: row.shopify_variant_id,
    tracked: row.tracked === 1,
    inventoryPolicy: row.inventory_policy,
  };
}
