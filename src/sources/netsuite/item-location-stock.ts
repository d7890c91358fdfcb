/**
 * The tables that hold stock per item and location, at that grain. `InventoryBalance` (per bin,
 * lot and status) is left out: it is often closed to REST roles.
 *
 * Each table has its own "changed since" column. `aggregateItemLocation.lastmodifieddate` moves
 * on any change to the row. `inventoryitemlocations` only has `lastquantityavailablechange`,
 * which does not move when on hand and committed fall together (a fulfilment leaves available
 * as it was), so incremental reads of that table miss those changes until the next full read.
 */
export const inventoryTables = {
  aggregateItemLocation: { modifiedColumn: 'lastmodifieddate' },
  inventoryitemlocations: { modifiedColumn: 'lastquantityavailablechange' },
} as const;

export type InventoryTable = keyof typeof inventoryTables;

/**
 * One item at one location as NetSuite's books have it.
 *
 * `meaning` is the declaration the ledger reads: `onHand` is an absolute snapshot that replaces
 * the previous one, never a change, and reading the same row twice is harmless.
 */
export interface ItemLocationStock {
  readonly source: 'netsuite';
  readonly meaning: 'absolute_on_hand';
  /** NetSuite internal ids, as decimal strings. */
  readonly itemId: string;
  readonly locationId: string;
  /** Units at the location as NetSuite's books say. May be fractional for items sold by a unit. */
  readonly onHand: number;
  /**
   * Units on NetSuite sales orders not yet fulfilled. For a Shopify shop these are the Shopify
   * orders the connector imported, which Shopify's own `committed` already counts, and orders not
   * yet imported are missing from it. Compare on hand; never subtract this from a Shopify figure.
   */
  readonly committedInNetSuite: number;
  /** NetSuite's own on hand − committed, with the same caveat. */
  readonly availableInNetSuite: number;
  readonly onOrder: number;
  readonly inTransit: number;
  /**
   * When NetSuite last changed the row, `YYYY-MM-DD HH24:MI:SS` as NetSuite wrote it (in the
   * session's time zone): a watermark to hand back, not an instant to compare with ours.
   * Undefined when the column is null.
   */
  readonly modifiedAt: string | undefined;
}
