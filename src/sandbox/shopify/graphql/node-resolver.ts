import { GraphQLError } from 'graphql';
import { parseGid, parseLevelGid } from '../state/gid.js';
import type { AdminContext } from './admin-context.js';
import { adjustmentGroupView } from './adjustment-group-view.js';
import {
  inventoryItemView,
  levelView,
  locationView,
  productView,
  variantView,
} from './inventory-views.js';
import type { View } from './inventory-views.js';
import { fulfillmentOrderView, orderView } from './order-views.js';
import { shipmentView, transferView } from './transfer-views.js';

/** `node(id:)` and `nodes(ids:)`: any gid the sandbox can resolve; unknown records are null. */
export function resolveNode(ctx: AdminContext, id: string): View | null {
  const gid = parseGid(id);
  if (!gid)
    throw new GraphQLError(`Invalid global id '${id}'`, {
      extensions: { code: 'argumentLiteralsIncompatible' },
    });
  const { state } = ctx;

  switch (gid.type) {
    case 'InventoryLevel': {
      const key = parseLevelGid(id);
      const level = key ? state.level(key.inventoryItemId, key.locationId) : undefined;
      return level ? levelView(ctx, level) : null;
    }
    case 'InventoryItem':
      return viewOf(state.items.get(gid.id), (item) => inventoryItemView(ctx, item));
    case 'Location':
      return viewOf(state.locations.get(gid.id), (location) => locationView(ctx, location));
    case 'ProductVariant':
      return viewOf(state.variants.get(gid.id), (variant) => variantView(ctx, variant));
    case 'Product':
      return viewOf(state.products.get(gid.id), (product) => productView(ctx, product));
    case 'Order':
      return viewOf(state.orders.get(gid.id), (order) => orderView(ctx, order));
    case 'FulfillmentOrder':
      return viewOf(state.fulfillmentOrders.get(gid.id), (fo) => fulfillmentOrderView(ctx, fo));
    case 'InventoryAdjustmentGroup':
      return viewOf(state.adjustmentGroups.get(gid.id), (group) => adjustmentGroupView(ctx, group));
    case 'InventoryTransfer':
      return viewOf(state.transfers.get(gid.id), (transfer) => transferView(ctx, transfer));
    case 'InventoryShipment': {
      const transfer = [...state.transfers.values()].find((t) => t.shipmentId === gid.id);
      return transfer ? shipmentView(ctx, transfer) : null;
    }
    case 'BulkOperation':
      return viewOf(ctx.bulk.get(gid.id), (operation) => ctx.bulk.view(operation));
    default:
      return null;
  }
}

function viewOf<R>(record: R | undefined, view: (record: R) => View): View | null {
  return record === undefined ? null : view(record);
}
