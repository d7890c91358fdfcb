import {
  shipmentPayload,
  shipmentReceivePayload,
  transferPayload,
} from '../payloads/transfer-payloads.js';
import type { ReceivedLine } from '../payloads/transfer-payloads.js';
import type { TransferRecord } from '../state/records.js';
import { SandboxError } from '../state/sandbox-error.js';
import type { CommerceContext } from './commerce-context.js';
import { requireId, resolveLines, resolveLocation } from './input-refs.js';
import type { LineInput } from './input-refs.js';
import type { MerchantAction } from './merchant-action.js';
import { changeStock } from './stock.js';

export interface TransferInput {
  from: string;
  to: string;
  lines: LineInput[];
}

export interface TransferResult {
  transferId: string;
  shipmentId: string;
  lines: Array<{ id: string; inventoryItemId: string; quantity: number }>;
}

export interface ReceiveInput {
  /** Units per item accepted (and optionally rejected); default: everything still expected. */
  lines?: Array<LineInput & { rejected?: number | undefined }> | undefined;
}

/**
 * Ships stock between locations: at the origin available and on_hand drop when it ships; at the
 * destination it shows as incoming until received, then moves to available (and on_hand).
 */
export function shipTransfer(
  ctx: CommerceContext,
  action: MerchantAction,
  input: TransferInput,
): TransferResult {
  const origin = resolveLocation(ctx.state, input.from);
  const destination = resolveLocation(ctx.state, input.to);
  if (origin.id === destination.id)
    throw new SandboxError('invalid_input', 'A transfer needs two different locations.');
  const lines = resolveLines(ctx.state, input.lines);

  const transfer: TransferRecord = {
    id: ctx.state.ids.next(),
    shipmentId: ctx.state.ids.next(),
    name: `#T${ctx.state.transfers.size + 1001}`,
    originLocationId: origin.id,
    destinationLocationId: destination.id,
    status: 'IN_PROGRESS',
    lines: lines.map((line) => ({
      id: ctx.state.ids.next(),
      shipmentLineId: ctx.state.ids.next(),
      inventoryItemId: line.item.id,
      quantity: line.quantity,
      accepted: 0,
      rejected: 0,
    })),
    createdAt: action.at,
    receivedAt: null,
  };
  ctx.state.transfers.set(transfer.id, transfer);

  for (const line of transfer.lines) {
    changeStock(ctx, action, line.inventoryItemId, origin.id, { available: -line.quantity });
    changeStock(ctx, action, line.inventoryItemId, destination.id, { incoming: line.quantity });
  }

  const offset = ctx.payloads.offsetMinutes;
  action.emitSnapshot('inventory_transfers/ready_to_ship', () =>
    transferPayload(transfer, 'READY_TO_SHIP', action.at, offset),
  );
  action.emitSnapshot('inventory_shipments/create', () =>
    shipmentPayload(transfer, 'DRAFT', action.at, offset),
  );
  action.emitSnapshot('inventory_shipments/mark_in_transit', () =>
    shipmentPayload(transfer, 'IN_TRANSIT', action.at, offset),
  );
  return {
    transferId: transfer.id,
    shipmentId: transfer.shipmentId,
    lines: transfer.lines.map((line) => ({
      id: line.id,
      inventoryItemId: line.inventoryItemId,
      quantity: line.quantity,
    })),
  };
}

export function receiveTransfer(
  ctx: CommerceContext,
  action: MerchantAction,
  transferRef: string,
  input: ReceiveInput,
): { complete: boolean } {
  const transfer = ctx.state.requireTransfer(
    requireId(transferRef, 'InventoryTransfer', 'Transfer'),
  );
  const wanted = input.lines?.map((line) => ({
    item: resolveLines(ctx.state, [line])[0]?.item.id ?? '',
    accepted: line.quantity,
    rejected: line.rejected ?? 0,
  }));
  const plan = transfer.lines.map((line) => {
    const open = line.quantity - line.accepted - line.rejected;
    const ask = wanted
      ? wanted.find((entry) => entry.item === line.inventoryItemId)
      : { accepted: open, rejected: 0 };
    return { line, accepted: ask?.accepted ?? 0, rejected: ask?.rejected ?? 0, open };
  });
  for (const step of plan) {
    if (step.accepted + step.rejected > step.open) {
      throw new SandboxError(
        'invalid_input',
        `Transfer line ${step.line.id} expects ${step.open} more units, not ${step.accepted + step.rejected}.`,
      );
    }
  }

  const received: ReceivedLine[] = [];
  for (const { line, accepted, rejected } of plan) {
    if (accepted + rejected === 0) continue;
    received.push({ line, acceptedBefore: line.accepted, rejectedBefore: line.rejected });
    changeStock(ctx, action, line.inventoryItemId, transfer.destinationLocationId, {
      incoming: -(accepted + rejected),
      available: accepted,
    });
    line.accepted += accepted;
    line.rejected += rejected;
  }
  if (received.length === 0)
    throw new SandboxError('invalid_input', `Nothing to receive on transfer ${transfer.id}.`);

  const complete = transfer.lines.every((line) => line.accepted + line.rejected >= line.quantity);
  const offset = ctx.payloads.offsetMinutes;
  action.emitSnapshot('inventory_shipments/receive_items', () =>
    shipmentReceivePayload(transfer, received, action.at, offset),
  );
  if (complete) {
    transfer.status = 'TRANSFERRED';
    transfer.receivedAt = action.at;
    action.emitSnapshot('inventory_transfers/complete', () =>
      transferPayload(transfer, 'TRANSFERRED', action.at, offset),
    );
  }
  return { complete };
}
