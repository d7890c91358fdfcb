/** One line of a count correction for the ERP: a signed change to on hand. */
export interface ErpCorrectionLine {
  readonly itemId: string;
  readonly sku: string | null;
  readonly delta: number;
}

/**
 * A count correction for a warehouse (or an unmanaged location), where the ERP is the
 * authority for on hand. NetSuite books it as an inventory adjustment.
 */
export interface ErpCorrection {
  /** Stable for this correction: posting it twice must create one record. */
  readonly externalId: string;
  /** trueshelf's id for the correction (the externalId is `trueshelf-count-<correctionId>`). */
  readonly correctionId: string;
  readonly importId: string;
  readonly locationHandle: string;
  /** The location's NetSuite internal id, when the registry has it. */
  readonly netsuiteLocationId: string | null;
  /** `YYYY-MM-DD`: the day of the count in the location's time zone. */
  readonly tranDate: string;
  /** The latest count instant of the group (UTC ISO-8601), from which `tranDate` is derived. */
  readonly countedAt: string;
  readonly memo: string;
  readonly lines: readonly ErpCorrectionLine[];
}

export type ErpCorrectionPosted =
  | { readonly outcome: 'posted'; readonly reference: string }
  | { readonly outcome: 'already_posted'; readonly reference: string };

/**
 * Where warehouse corrections go. The NetSuite implementation maps items and posts an
 * `inventoryAdjustment` (src/sources/netsuite); a post that fails throws, and nothing of the
 * correction may be booked when it does.
 */
export interface ErpCorrectionSink {
  post(correction: ErpCorrection): Promise<ErpCorrectionPosted>;
}
