/**
 * Velocity and buffer tables (migration 006-velocity), as Kysely sees them, in the conventions
 * of `Database`: text ids, UTC ISO-8601 instants as text.
 */
export interface VelocityTables {
  sales: SaleTable;
  location_sales_history: LocationSalesHistoryTable;
  level_buffers: LevelBufferTable;
  buffer_rule_sets: BufferRuleSetTable;
}

/**
 * One sale (positive) or refund (negative) of an item at the location the units left from.
 * Live sales carry the instant; imported ones may carry only the location's local day.
 * `source_ref` is unique, so a fact or a file row is recorded once however often it is seen.
 */
export interface SaleTable {
  source_ref: string;
  item_id: string;
  location_handle: string;
  quantity: number;
  occurred_at: string | null;
  local_day: string | null;
  source: string;
  recorded_at: string;
}

/** The first instant whose sales trueshelf holds for a location (install or earliest import). */
export interface LocationSalesHistoryTable {
  location_handle: string;
  sales_since: string;
}

/**
 * The buffer in place at a level and its last computation. `buffer_units`, `rule_key` and
 * `basis_units_per_day` are what hysteresis compares against (the velocity when the buffer was
 * set); `proposed_units`, `units_per_day`, the window and `explanation` are the latest run.
 */
export interface LevelBufferTable {
  item_id: string;
  location_handle: string;
  buffer_units: number;
  rule_key: string;
  basis_units_per_day: number | null;
  set_at: string;
  proposed_units: number | null;
  units_per_day: number | null;
  velocity_source: string | null;
  window_first_day: string | null;
  window_last_day: string | null;
  window_days: number | null;
  change_reason: string;
  explanation: string;
  computed_at: string;
}

/** The active buffer rules document (one row, id 'active'), from the rules file or the API. */
export interface BufferRuleSetTable {
  id: string;
  body: string;
  version: number;
  source: string;
  updated_at: string;
}
