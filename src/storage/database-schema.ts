import type { Generated } from 'kysely';

/**
 * The tables, as Kysely sees them. Portable on purpose: ids and instants are text (instants are
 * UTC ISO-8601 from `toISOString()`, so they sort as text), flags are 0/1 integers.
 */
export interface Database {
  locations: LocationTable;
  items: ItemTable;
  levels: LevelTable;
  decisions: DecisionTable;
  movements: MovementTable;
  deliveries: DeliveryTable;
  fact_lines: FactLineTable;
  orders: OrderTable;
  read_queue: ReadQueueTable;
  outbox: OutboxTable;
  pushes: PushTable;
}

export interface LocationTable {
  handle: string;
  name: string;
  kind: string;
  time_zone: string | null;
  google_store_code: string | null;
  shopify_location_id: string | null;
  netsuite_id: string | null;
  managed: number;
  mode: string;
  buffer_units: number;
  pickup_enabled: number;
  pickup_time_hours: number;
  fulfills_online: number;
  active: number;
  origin: string;
  updated_at: string;
}

export interface ItemTable {
  id: string;
  sku: string | null;
  barcode: string | null;
  title: string | null;
  shopify_inventory_item_id: string | null;
  shopify_variant_id: string | null;
  tracked: number;
  inventory_policy: string | null;
  category: string | null;
  /** The product's tags as a JSON array of strings (migration 007-item-tags). */
  tags: Generated<string>;
  /** The product `updated_at` of the delivery that last set `tags` (migration 010). */
  tags_updated_at: Generated<string | null>;
  price_cents: number | null;
  cost_cents: number | null;
  deleted_at: string | null;
  updated_at: string;
}

/** Shopify's states as last read, and apart from them what trueshelf itself placed. */
export interface LevelTable {
  item_id: string;
  location_handle: string;
  on_hand: number;
  available: number;
  committed: number;
  reserved: number;
  safety_stock: number;
  damaged: number;
  quality_control: number;
  incoming: number;
  placed_safety_stock: number;
  placed_reserved: number;
  connected: number;
  version: number;
  in_flight_push: string | null;
  read_at: string | null;
  changed_at: string | null;
}

export interface DecisionTable {
  item_id: string;
  location_handle: string;
  gross: number;
  buffer: number;
  held: number;
  sellable: number;
  target_safety_stock: number;
  target_reserved: number;
  version: number;
  computed_at: string;
}

export interface MovementTable {
  id: string;
  item_id: string;
  location_handle: string;
  state: string;
  delta: number;
  quantity_after: number;
  cause_kind: string;
  cause_ref: string | null;
  source: string;
  occurred_at: string;
  learned_at: string;
}

export interface DeliveryTable {
  id: string;
  shop: string;
  topic: string;
  webhook_id: string;
  event_id: string | null;
  triggered_at: string | null;
  api_version: string | null;
  received_at: string;
  body: string;
  status: string;
  outcome: string | null;
  error: string | null;
  attempts: number;
  processed_at: string | null;
}

export interface FactLineTable {
  id: string;
  kind: string;
  ref: string;
  line_ref: string;
  order_id: string | null;
  item_id: string | null;
  location_handle: string | null;
  quantity: number;
  matched: number;
  occurred_at: string;
  delivery_id: string;
}

export interface OrderTable {
  id: string;
  name: string | null;
  source_name: string | null;
  location_handle: string | null;
  staff_id: string | null;
  cart_token: string | null;
  created_at: string | null;
  cancelled_at: string | null;
  updated_at: string;
}

/** Levels waiting to be re-read; `shopify_location_id` '*' means every level of the item. */
export interface ReadQueueTable {
  shopify_item_id: string;
  shopify_location_id: string;
  first_signal_at: string;
  due_at: string;
  /** Bumped by every signal, so a signal that lands during a read keeps the row queued. */
  signals: number;
  attempts: number;
  claimed_until: string | null;
}

/** One row per (channel, item, location): the latest target replaces older pending ones. */
export interface OutboxTable {
  channel: string;
  item_id: string;
  location_handle: string;
  target: string;
  target_version: number;
  sent_version: number;
  status: string;
  idempotency_key: string | null;
  key_version: number | null;
  claimed_by: string | null;
  claim_expires_at: string | null;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  signal_at: string | null;
  updated_at: string;
}

export interface PushTable {
  id: string;
  channel: string;
  item_id: string;
  location_handle: string;
  idempotency_key: string;
  request: string;
  outcome: string;
  detail: string | null;
  created_at: string;
}
