import type { StateChange } from './diff-quantities.js';

/**
 * What a set of state changes at one level most likely was, from its shape alone. The ledger
 * then looks for a stored fact (order line, refund line, fulfilment, transfer) of that kind.
 */
export type ChangeShape =
  | 'committed_by_order'
  | 'fulfilled'
  | 'sold_and_taken'
  | 'released_to_available'
  | 'restocked'
  | 'in_transit'
  | 'moved_between_states'
  | 'adjusted';

export type FactKind =
  'order' | 'fulfillment' | 'refund_cancel' | 'refund_return' | 'cancel' | 'edit' | 'transfer';

export function classifyChange(changes: readonly StateChange[]): ChangeShape {
  const delta = (state: StateChange['state']) => changes.find((c) => c.state === state)?.delta ?? 0;
  const available = delta('available');
  const committed = delta('committed');
  const onHand = delta('on_hand');
  const incoming = delta('incoming');

  if (available < 0 && committed > 0 && onHand === 0) return 'committed_by_order';
  if (committed < 0 && onHand < 0 && available === 0) return 'fulfilled';
  if (available < 0 && onHand < 0) return 'sold_and_taken';
  if (committed < 0 && available > 0 && onHand === 0) return 'released_to_available';
  if (available > 0 && onHand > 0) return incoming < 0 ? 'in_transit' : 'restocked';
  if (incoming !== 0 && onHand === 0 && available === 0) return 'in_transit';
  if (onHand === 0 && changes.length > 1) return 'moved_between_states';
  return 'adjusted';
}

/** Fact kinds that can explain each shape, in the order they are tried. */
export const factKindsForShape: Record<ChangeShape, readonly FactKind[]> = {
  committed_by_order: ['order', 'edit'],
  fulfilled: ['fulfillment'],
  sold_and_taken: ['fulfillment', 'order', 'transfer'],
  released_to_available: ['refund_cancel', 'cancel', 'edit'],
  restocked: ['refund_return', 'transfer'],
  in_transit: ['transfer'],
  moved_between_states: [],
  adjusted: [],
};
