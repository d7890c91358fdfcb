/**
 * The audit's tables (migration 003-counts), as Kysely sees them. Same conventions as
 * `Database`: text ids, UTC ISO-8601 instants as text, 0/1 integer flags.
 */
export interface AuditTables {
  count_imports: CountImportTable;
  count_lines: CountLineTable;
  count_corrections: CountCorrectionTable;
  count_correction_lines: CountCorrectionLineTable;
}

/** One uploaded count file. Only `accepted` imports take part in reports and corrections. */
export interface CountImportTable {
  id: string;
  source_name: string | null;
  /** 'loading' while streaming, then 'accepted', 'rejected' (bad lines) or 'failed' (broken stream). */
  status: string;
  keep_good_rows: number;
  started_at: string;
  imported_at: string | null;
  lines_read: number;
  lines_accepted: number;
  lines_rejected: number;
}

/**
 * One counted item at one location in an import, and its reconciliation against the books as
 * of `counted_at`. A file's lines for the same item and location (the back room and the floor
 * counted as two areas) are merged into one count line: quantities add up, the count stands
 * at the latest of their instants, and `line_count` says how many lines it took.
 */
export interface CountLineTable {
  import_id: string;
  location_handle: string;
  item_id: string;
  /** The file line of the first and last part (1-based, the header is line 1). */
  first_line: number;
  last_line: number;
  line_count: number;
  counted_quantity: number;
  counted_at: string;
  /** As written on the first line. */
  counter: string | null;
  area: string | null;
  /** 'ledger', 'level_unchanged', 'no_level' or 'before_books' (not reconcilable). */
  system_basis: string | null;
  /** The level's on hand when reconciled, and the on-hand deltas dated after the count. */
  level_on_hand: number | null;
  moved_after_count: number | null;
  system_on_hand: number | null;
  /** counted − system as of the count; null when the books do not reach back to the count. */
  variance: number | null;
  reconciled_at: string | null;
  reopened: number;
  reopened_at: string | null;
}

/** One correction sent for an import at a location: a Shopify mutation or an ERP posting. */
export interface CountCorrectionTable {
  id: string;
  import_id: string;
  location_handle: string;
  /** 'shopify' or 'erp'. */
  target: string;
  idempotency_key: string;
  /** The exact request, so a resend after a crash is the same request under the same key. */
  request: string;
  /** 'sending', 'applied', 'stale', 'rejected' or 'failed'. */
  status: string;
  detail: string | null;
  created_at: string;
  applied_at: string | null;
}

export interface CountCorrectionLineTable {
  correction_id: string;
  item_id: string;
  location_handle: string;
  delta: number;
  change_from: number | null;
}
