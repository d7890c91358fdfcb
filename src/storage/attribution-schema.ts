/**
 * The attribution tables (migration 007-attribution), as Kysely sees them. Same conventions as
 * `Database`: text ids, UTC ISO-8601 instants as text, money as integer minor units.
 */
export interface AttributionTables {
  attribution_orders: AttributionOrderTable;
  attribution_order_extras: AttributionOrderExtraTable;
  attribution_fulfilment_orders: AttributionFulfilmentOrderTable;
  attribution_entries: AttributionEntryTable;
}

/**
 * One order's facts as the webhooks told them, and where its attribution stands. `version` is
 * bumped by every delivery that changed what attribution reads; the worker finishes an order
 * only at the version it read, so a delivery during the work keeps it pending.
 */
export interface AttributionOrderTable {
  order_id: string;
  order_name: string | null;
  /** The newest REST order payload (JSON), by its `updated_at`. */
  payload: string | null;
  payload_updated_at: string | null;
  /** The payload hashed with its tags and `updated_at` left out: what attribution reads. */
  fingerprint: string | null;
  version: number;
  /** 'pending', 'done', 'unrouted' (gave up waiting for fulfilment orders), 'failed'. */
  status: string;
  due_at: string;
  attempts: number;
  claimed_until: string | null;
  last_error: string | null;
  classes: string | null;
  tags_wanted: string | null;
  tags_written: string | null;
  tagged_at: string | null;
  attributed_at: string | null;
  updated_at: string;
}

/** A `refunds/create` or `fulfillments/*` body, once each, merged with the order's own lists. */
export interface AttributionOrderExtraTable {
  kind: string;
  ref: string;
  order_id: string;
  body: string;
  received_at: string;
}

/** Fulfilment orders webhooks named, and the order each belongs to once looked up. */
export interface AttributionFulfilmentOrderTable {
  fulfillment_order_id: string;
  order_id: string | null;
  signalled_at: string;
  attempts: number;
}

/**
 * Append-only: each row is a change of one party's credit; the sum per `entry_key` is the
 * credit as it stands. Reversals (refunds, cancellations, a part moved elsewhere) are rows too.
 */
export interface AttributionEntryTable {
  id: string;
  entry_key: string;
  order_id: string;
  order_name: string | null;
  cause: string;
  cause_ref: string;
  line_item_id: string;
  class: string;
  channel: string;
  credit: string;
  party: string;
  party_ref: string | null;
  selling_handle: string | null;
  fulfilling_handle: string;
  staff_id: string | null;
  /** The location whose time zone counts the day; null: `attribution.ecommerceTimeZone`. */
  day_handle: string | null;
  amount_minor: number;
  currency: string;
  presentment_amount_minor: number;
  presentment_currency: string;
  occurred_at: string;
  recorded_at: string;
}
