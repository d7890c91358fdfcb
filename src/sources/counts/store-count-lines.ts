import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import {
  movedAfterCount,
  systemBasis,
  systemFromBasis,
} from '../../reports/audit/as-of-count-sql.js';
import type { AuditDb } from '../../reports/audit/audit-db.js';
import type { Dialect } from '../../storage/storage.js';

/** One item at one location within a batch of a file (its lines there already summed). */
export interface CountLineDraft {
  readonly locationHandle: string;
  readonly itemId: string;
  readonly firstLine: number;
  readonly lastLine: number;
  readonly lineCount: number;
  readonly countedQuantity: number;
  readonly countedAt: string;
  readonly counter: string | null;
  readonly area: string | null;
}

/**
 * Writes a batch of count lines and reconciles each as of its count, in one statement.
 *
 * The batch travels as one JSON parameter that the database unpacks (`json_each` in SQLite,
 * `json_array_elements` in PostgreSQL): building a thousand-row VALUES list costs more in
 * query building and statement preparation than the insert itself, which is what keeps a
 * million-line file from fitting its time budget. The two dialects differ only in that
 * row source.
 *
 * A line for an item and location already written by an earlier batch of the same file is
 * left by the insert and then merged into that line by a second statement, which clears its
 * reconciliation: the merged line may stand at a later instant, so `reconcileCountLines`
 * recomputes it once the file is in. Returns whether any line was merged, so a file without
 * repeats (the usual case) skips that pass over all its lines.
 */
export async function upsertCountLines(
  db: AuditDb,
  dialect: Dialect,
  importId: string,
  drafts: readonly CountLineDraft[],
  reconciledAt: string,
): Promise<{ merged: boolean }> {
  if (drafts.length === 0) return { merged: false };

  const json = JSON.stringify(
    drafts.map((d) => [
      d.locationHandle,
      d.itemId,
      d.firstLine,
      d.lastLine,
      d.lineCount,
      d.countedQuantity,
      d.countedAt,
      d.counter,
      d.area,
    ]),
  );
  const system = systemFromBasis(
    sql.ref('s.system_basis'),
    sql.ref('s.level_on_hand'),
    sql.ref('s.moved_after_count'),
  );

  // MATERIALIZED, both: inlined, SQLite would unpack the JSON again for every reference to a
  // field, and run each lookup of the system figure once per use below.
  const inserted = await sql`
    WITH r AS MATERIALIZED (${rowSource(dialect, json)}),
    s AS MATERIALIZED (
      SELECT r.*, l.on_hand AS level_on_hand,
        ${movedAfterCount('r')} AS moved_after_count,
        ${systemBasis('r', sql`l.item_id IS NOT NULL`)} AS system_basis
      FROM r
      LEFT JOIN levels l ON l.item_id = r.item_id AND l.location_handle = r.location_handle
    )
    INSERT INTO count_lines (
      import_id, location_handle, item_id, first_line, last_line, line_count, counted_quantity,
      counted_at, counter, area, level_on_hand, moved_after_count, system_basis, system_on_hand,
      variance, reconciled_at, reopened)
    SELECT
      CAST(${importId} AS TEXT), s.location_handle, s.item_id, s.first_line, s.last_line,
      s.line_count, s.counted_quantity, s.counted_at, s.counter, s.area, s.level_on_hand,
      s.moved_after_count, s.system_basis, ${system}, s.counted_quantity - ${system},
      CAST(${reconciledAt} AS TEXT), 0
    FROM s
    WHERE true
    ON CONFLICT (import_id, location_handle, item_id) DO NOTHING`.execute(db);
  if (Number(inserted.numAffectedRows ?? 0) === drafts.length) return { merged: false };

  // The lines left out: an earlier batch wrote them, so they end before this batch begins.
  await sql`
    UPDATE count_lines SET
      counted_quantity = count_lines.counted_quantity + r.counted_quantity,
      counted_at = CASE WHEN r.counted_at > count_lines.counted_at
        THEN r.counted_at ELSE count_lines.counted_at END,
      line_count = count_lines.line_count + r.line_count,
      last_line = r.last_line,
      level_on_hand = NULL, moved_after_count = NULL, system_basis = NULL,
      system_on_hand = NULL, variance = NULL, reconciled_at = NULL
    FROM (${rowSource(dialect, json)}) r
    WHERE count_lines.import_id = ${importId}
      AND count_lines.location_handle = r.location_handle AND count_lines.item_id = r.item_id
      AND count_lines.last_line < r.first_line`.execute(db);
  return { merged: true };
}

/** Drops the lines of a refused import: a file with errors is kept whole or not at all. */
export async function deleteCountLines(db: AuditDb, importId: string): Promise<void> {
  await db.deleteFrom('count_lines').where('import_id', '=', importId).execute();
}

function rowSource(dialect: Dialect, json: string): RawBuilder<unknown> {
  const elements =
    dialect === 'postgres'
      ? sql`json_array_elements(CAST(${json} AS json)) AS e(value)`
      : sql`json_each(${json}) AS e`;
  return sql`
    SELECT
      e.value ->> 0 AS location_handle,
      e.value ->> 1 AS item_id,
      CAST(e.value ->> 2 AS INTEGER) AS first_line,
      CAST(e.value ->> 3 AS INTEGER) AS last_line,
      CAST(e.value ->> 4 AS INTEGER) AS line_count,
      CAST(e.value ->> 5 AS INTEGER) AS counted_quantity,
      e.value ->> 6 AS counted_at,
      e.value ->> 7 AS counter,
      e.value ->> 8 AS area
    FROM ${elements}`;
}
