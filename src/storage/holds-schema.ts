import type { Generated } from 'kysely';
import type { HoldStatus } from '../domain/holds/hold-transitions.js';

/**
 * The holds' tables (migration 002-holds), as Kysely sees them, in the conventions of
 * `Database`: text ids, UTC ISO-8601 instants as text, 0/1 flags. `levels` gains one column.
 */
export interface HoldTables {
  levels: LevelHeldColumn;
  holds: HoldTable;
  hold_lines: HoldLineTable;
  hold_requests: HoldRequestTable;
  alerts: AlertTable;
  pickup_orders: PickupOrderTable;
  pickup_lookups: PickupLookupTable;
}

/** Units of live holds at the level; every change is one conditional statement. */
export interface LevelHeldColumn {
  held: Generated<number>;
  /** 1 while a claim's change of `held` waits for the level's decision (migration 009). */
  decision_stale: Generated<number>;
  /** No live hold at the level expires before this instant; null when not known (009). */
  hold_expiry_bound: string | null;
}

export type { HoldStatus };

/**
 * One claim for one cart. `active` counts in `levels.held`; `checkout` has left it and waits
 * for its order until `grace_until`; the other three are ended. `version` guards a replacement
 * of the lines against a concurrent one.
 */
export interface HoldTable {
  id: string;
  cart_id: string;
  status: HoldStatus;
  expires_at: string;
  grace_until: string | null;
  version: Generated<number>;
  order_id: string | null;
  /** Why it ended: 'released', 'ttl', 'checkout_grace', 'order', 'api_convert'. */
  end_reason: string | null;
  /** The API client that placed it. */
  created_by: string | null;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
}

/** Demand of one hold at one level, summed over the request's lines. */
export interface HoldLineTable {
  hold_id: string;
  item_id: string;
  location_handle: string;
  quantity: number;
  placed_at: string;
  /** When the line stopped counting in `levels.held` (null while it counts). */
  left_at: string | null;
}

/** An `Idempotency-Key` per client, with the fingerprint of the body it came with. */
export interface HoldRequestTable {
  client: string;
  idempotency_key: string;
  fingerprint: string;
  hold_id: string;
  created_at: string;
}

export type AlertKind = 'sold_from_under_hold' | 'order_after_hold_expired';

/** Flagged to the store: held units that are gone, never a silent oversell. */
export interface AlertTable {
  id: string;
  kind: AlertKind;
  location_handle: string;
  item_id: string;
  /** JSON array of the hold ids affected. */
  hold_ids: string;
  order_id: string | null;
  units_short: number;
  message: string;
  raised_at: string;
  /** Set when a later decision finds the held units covered again. */
  resolved_at: string | null;
}

/** An online order to be picked up at a store, from a converted hold or a fulfilment order. */
export interface PickupOrderTable {
  order_id: string;
  location_handle: string | null;
  hold_id: string | null;
  fulfillment_order_id: string | null;
  ordered_at: string;
  ready_at: string | null;
  picked_up_at: string | null;
  cancelled_at: string | null;
  /** Shopify's cancel reason in lower case ('inventory', 'customer', ...). */
  cancel_reason: string | null;
  updated_at: string;
}

/** A fulfilment order named by a webhook, looked up once through the Admin API. */
export interface PickupLookupTable {
  fulfillment_order_id: string;
  /** When a `line_items_prepared_for_pickup` delivery named it (the order is ready). */
  ready_signal_at: string | null;
  signalled_at: string;
  attempts: Generated<number>;
  resolved_at: string | null;
}
