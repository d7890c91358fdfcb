import type { TransferRecord } from '../state/records.js';
import { gidOf } from '../state/gid.js';
import type { AdminContext } from './admin-context.js';
import { inventoryItemView, locationView } from './inventory-views.js';
import type { View } from './inventory-views.js';

export function transferView(ctx: AdminContext, transfer: TransferRecord): View {
  const snapshot = (locationId: string) => {
    const location = ctx.state.locations.get(locationId);
    return location ? { name: location.name, location: () => locationView(ctx, location) } : null;
  };
  return {
    __typename: 'InventoryTransfer',
    id: gidOf('InventoryTransfer', transfer.id),
    name: transfer.name,
    status: transfer.status,
    origin: snapshot(transfer.originLocationId),
    destination: snapshot(transfer.destinationLocationId),
    lineItems: () => ({
      nodes: transfer.lines.map((line) => ({
        id: gidOf('InventoryTransferLineItem', line.id),
        totalQuantity: line.quantity,
        inventoryItem: () => itemOf(ctx, line.inventoryItemId),
      })),
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    }),
  };
}

export function shipmentView(ctx: AdminContext, transfer: TransferRecord): View {
  return {
    __typename: 'InventoryShipment',
    id: gidOf('InventoryShipment', transfer.shipmentId),
    name: `${transfer.name}-S`,
    lineItems: () => ({
      nodes: transfer.lines.map((line) => ({
        id: gidOf('InventoryShipmentLineItem', line.shipmentLineId),
        quantity: line.quantity,
        acceptedQuantity: line.accepted,
        rejectedQuantity: line.rejected,
        inventoryItem: () => itemOf(ctx, line.inventoryItemId),
      })),
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    }),
  };
}

function itemOf(ctx: AdminContext, id: string): View | null {
  const item = ctx.state.items.get(id);
  return item ? inventoryItemView(ctx, item) : null;
}
