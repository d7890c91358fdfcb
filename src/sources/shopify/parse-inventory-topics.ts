import { itemIdFromLevelGid, numericId } from '../../shared/shopify-gid.js';
import type { DeliveryEffect } from './delivery-effect.js';
import type { PayloadReader } from './payload-reader.js';

function noFacts() {
  return { facts: [], order: null, item: null, deletedItemId: null };
}

/** `inventory_levels/update|connect|disconnect`: a signal for one level; its numbers are not used. */
export function parseLevelTopic(body: PayloadReader): DeliveryEffect {
  // The level gid carries the item id as text, exact even where a JSON number was rounded.
  const shopifyItemId =
    itemIdFromLevelGid(body.value['admin_graphql_api_id']) ?? body.id('inventory_item_id');
  const shopifyLocationId = body.id('location_id');
  return {
    kind: 'apply',
    signals: [{ by: 'item', shopifyItemId, shopifyLocationId }],
    ...noFacts(),
  };
}

/** `inventory_items/create|update`: keep the SKU and tracking flag; stock is untouched. */
export function parseItemTopic(body: PayloadReader): DeliveryEffect {
  const shopifyItemId = numericId(body.value['admin_graphql_api_id']) ?? body.id('id');
  const cost = body.value['cost'];
  const costCents =
    typeof cost === 'string' || typeof cost === 'number' ? Math.round(Number(cost) * 100) : null;
  return {
    kind: 'apply',
    signals: [],
    facts: [],
    order: null,
    item: {
      shopifyItemId,
      sku: body.string('sku'),
      tracked: body.value['tracked'] !== false,
      costCents: Number.isFinite(costCents) ? costCents : null,
    },
    deletedItemId: null,
  };
}

export function parseItemDeleteTopic(body: PayloadReader): DeliveryEffect {
  const shopifyItemId = numericId(body.value['admin_graphql_api_id']) ?? body.id('id');
  return {
    kind: 'apply',
    signals: [],
    facts: [],
    order: null,
    item: null,
    deletedItemId: shopifyItemId,
  };
}

/**
 * Fulfilment orders, transfers and shipments name a resource, not levels: the mirror looks the
 * resource up through the Admin API to find which items and locations to re-read.
 */
export function parseLookupTopic(
  body: PayloadReader,
  resource: 'FulfillmentOrder' | 'InventoryTransfer' | 'InventoryShipment',
): DeliveryEffect {
  const ids = new Set<string>();
  const collect = (reader: PayloadReader | null) => {
    const id = reader ? numericId(reader.value['id']) : null;
    if (id) ids.add(id);
  };

  if (resource === 'FulfillmentOrder') {
    collect(body.object('fulfillment_order'));
    collect(body.object('original_fulfillment_order'));
    collect(body.object('moved_fulfillment_order'));
  } else {
    collect(body);
  }

  return {
    kind: 'apply',
    signals: [...ids].map((id) => ({ by: 'lookup' as const, resource, id })),
    ...noFacts(),
  };
}
