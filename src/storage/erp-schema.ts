/**
 * The ERP mirror's tables (migration 004-erp), in the same portable style as `Database`: ids
 * and instants are text, quantities from NetSuite are doubles (NetSuite allows fractional
 * units for items sold by a unit of measure).
 */
export interface ErpTables {
  netsuite_on_hand: NetSuiteOnHandTable;
  netsuite_items: NetSuiteItemTable;
  netsuite_watermarks: NetSuiteWatermarkTable;
  erp_posts: ErpPostTable;
}

/**
 * One item at one location as NetSuite's books had it when last polled: an absolute snapshot
 * that replaces the previous one. `committed_in_netsuite` counts the Shopify orders the
 * connector imported, so it is kept for display and never subtracted from a Shopify figure.
 */
export interface NetSuiteOnHandTable {
  netsuite_item_id: string;
  netsuite_location_id: string;
  on_hand: number;
  committed_in_netsuite: number;
  available_in_netsuite: number;
  on_order: number;
  in_transit: number;
  /** NetSuite's own `YYYY-MM-DD HH24:MI:SS` (its session time zone), as written; may be null. */
  modified_at: string | null;
  /** When trueshelf read the row (UTC ISO-8601). */
  read_at: string;
}

/** NetSuite item internal id ↔ our item, matched by SKU; unmatched items keep why. */
export interface NetSuiteItemTable {
  netsuite_item_id: string;
  /** NetSuite's `item.itemid` (the name/number field that usually carries the SKU). */
  itemid: string | null;
  externalid: string | null;
  item_id: string | null;
  /** `itemid` or `externalid` when matched; otherwise why not (see `ItemMatchProblem`). */
  matched_by: string;
  updated_at: string;
}

/** The last-modified watermark of one incremental read: `<table>:<location id>`. */
export interface NetSuiteWatermarkTable {
  scope: string;
  watermark: string;
  polled_at: string;
}

/** One document trueshelf posts to NetSuite, once, keyed by the externalId it carries. */
export interface ErpPostTable {
  external_id: string;
  kind: string;
  source_ref: string;
  location_handle: string;
  /** The exact record input, so every resend is the same request. */
  request: string;
  status: string;
  netsuite_id: string | null;
  outcome: string | null;
  created_at: string;
  posted_at: string | null;
}
