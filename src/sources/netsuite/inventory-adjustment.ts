/** One line of an inventory adjustment: a signed change to on hand at one location. */
export interface InventoryAdjustmentLine {
  readonly itemId: string;
  readonly locationId: string;
  /** Signed, non-zero: −3 books three units out. */
  readonly adjustQtyBy: number;
  readonly memo?: string;
}

/**
 * A count correction as NetSuite's `inventoryAdjustment` record. The `externalId` is ours and
 * stable for the correction, so a post that is sent twice creates one record.
 */
export interface InventoryAdjustment {
  readonly externalId: string;
  /** The GL account the adjustment is booked against (configured per shop). */
  readonly accountId: string;
  /** Needed on OneWorld accounts. */
  readonly subsidiaryId?: string;
  /** The location of the adjustment (`adjLocation`). */
  readonly locationId: string;
  /** `YYYY-MM-DD`, the day of the count in the location's time zone. */
  readonly tranDate: string;
  readonly memo?: string;
  readonly lines: readonly InventoryAdjustmentLine[];
}

/** What a post came to: a new record, or the one an earlier post with this externalId made. */
export type AdjustmentPosted =
  | { readonly outcome: 'created'; readonly id: string }
  | { readonly outcome: 'already_posted'; readonly id: string };
