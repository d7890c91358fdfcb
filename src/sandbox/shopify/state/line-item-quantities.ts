import type { LineItemRecord } from './records.js';

/** Units still on the order: ordered less edits and every refund (REST `current_quantity`). */
export function currentQuantity(line: LineItemRecord): number {
  return line.quantity - line.removedByEdit - line.refundedUnfulfilled - line.refundedFulfilled;
}

/** Units still to hand over or ship (REST `fulfillable_quantity`). */
export function fulfillableQuantity(line: LineItemRecord): number {
  return line.quantity - line.removedByEdit - line.refundedUnfulfilled - line.fulfilled;
}

/** Handed-over units not yet refunded, the most a return can take back. */
export function returnableQuantity(line: LineItemRecord): number {
  return line.fulfilled - line.refundedFulfilled;
}

export function lineFulfillmentStatus(line: LineItemRecord): 'fulfilled' | 'partial' | null {
  if (line.fulfilled === 0) return null;
  return fulfillableQuantity(line) === 0 ? 'fulfilled' : 'partial';
}
