import { gidOf } from '../state/gid.js';
import type { TransferLineRecord, TransferRecord } from '../state/records.js';
import { formatShopTime } from './shop-time.js';
import type { ShopifyJsonObject } from './shopify-json.js';

/**
 * `inventory_transfers/*` and `inventory_shipments/*` bodies: GraphQL-only topics whose ids are
 * GIDs and whose statuses are the GraphQL enum values (2026-04 samples).
 */
export function transferPayload(
  transfer: TransferRecord,
  status: string,
  at: Date,
  offsetMinutes: number,
): ShopifyJsonObject {
  return {
    id: gidOf('InventoryTransfer', transfer.id),
    status,
    happened_at: formatShopTime(at, offsetMinutes),
  };
}

export function shipmentPayload(
  transfer: TransferRecord,
  status: string,
  at: Date,
  offsetMinutes: number,
): ShopifyJsonObject {
  return {
    id: gidOf('InventoryShipment', transfer.shipmentId),
    status,
    happened_at: formatShopTime(at, offsetMinutes),
  };
}

export interface ReceivedLine {
  line: TransferLineRecord;
  acceptedBefore: number;
  rejectedBefore: number;
}

export function shipmentReceivePayload(
  transfer: TransferRecord,
  received: ReceivedLine[],
  at: Date,
  offsetMinutes: number,
): ShopifyJsonObject {
  const complete = transfer.lines.every((line) => line.accepted + line.rejected >= line.quantity);
  return {
    id: gidOf('InventoryShipment', transfer.shipmentId),
    status: complete ? 'RECEIVED' : 'PARTIALLY_RECEIVED',
    items_received: received.map(({ line, acceptedBefore, rejectedBefore }) => ({
      id: gidOf('InventoryShipmentLineItem', line.shipmentLineId),
      old_accepted_quantity: acceptedBefore,
      old_rejected_quantity: rejectedBefore,
      new_accepted_quantity: line.accepted,
      new_rejected_quantity: line.rejected,
      remaining_quantity_to_receive: line.quantity - line.accepted - line.rejected,
    })),
    happened_at: formatShopTime(at, offsetMinutes),
  };
}
