/**
 * What the ledger's cause kinds mean to the audit. The kinds are those the ledger assigns
 * (src/domain/movements/classify-change.ts) plus a few an engine may record.
 */

/** A sale leaves on hand: a POS sale (sold_and_taken) or a shipped or picked-up order. */
export const SALE_CAUSES: ReadonlySet<string> = new Set(['sold_and_taken', 'fulfilled']);

/** Shapes the ledger tries to match to an order, refund, fulfilment or transfer. */
export const FACT_MATCHED_CAUSES: ReadonlySet<string> = new Set([
  'committed_by_order',
  'fulfilled',
  'sold_and_taken',
  'released_to_available',
  'restocked',
  'in_transit',
]);

// Not recorded by today's ledger; counted when an engine does record them.
export const SHORT_PICK_CAUSES: ReadonlySet<string> = new Set(['short_pick']);
export const PICKUP_CANCELLED_CAUSES: ReadonlySet<string> = new Set([
  'pickup_cancelled_for_inventory',
  'pickup_cancelled_inventory',
]);

/** How the audit's own corrections are recorded in the ledger. */
export const COUNT_CORRECTION_CAUSE = 'count_correction';

/**
 * A change nothing explains: an `adjusted` shape, or a shape that should match a fact but did
 * not (a POS decrement with no order behind it).
 */
export function isUnexplained(causeKind: string, causeRef: string | null): boolean {
  return causeKind === 'adjusted' || (FACT_MATCHED_CAUSES.has(causeKind) && causeRef === null);
}
