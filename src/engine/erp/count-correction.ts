/**
 * A count correction from the audit, as the ERP needs it: what trueshelf booked at one
 * location (in Shopify, as a delta on a freshly read on hand) that NetSuite does not know yet.
 * The audit's tables are its own; this is the shape it hands over.
 */
export interface CountCorrection {
  /** Stable for the correction: it becomes the NetSuite externalId `trueshelf-count-<id>`. */
  readonly id: string;
  readonly locationHandle: string;
  /** When the shelf was counted (UTC ISO-8601); the adjustment is dated that day at the store. */
  readonly countedAt: string;
  readonly memo?: string;
  readonly lines: readonly CountCorrectionLine[];
}

export interface CountCorrectionLine {
  readonly itemId: string;
  /** Signed units booked: counted − system. */
  readonly delta: number;
}

export function countCorrectionExternalId(correctionId: string): string {
  return `trueshelf-count-${correctionId}`;
}
