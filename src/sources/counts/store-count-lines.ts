import { sql } from 'kysely';
import {
  movedAfterCount,
  systemBasis,
  systemFromBasis,
} from '../../reports/audit/as-of-count-sql.js';
import type { AuditDb } from '../../reports/audit/audit-db.js';

/**
 * Writes the staged lines (`CountStaging`) into `count_lines` and reconciles each as of its
 * count, in one statement.
 *
 * The lines are looked up in item order: the books' indexes are keyed item first, so the
 * stores staged for one item are probed on one page of them. They are written back in key
 * order (location first), so the count lines' indexes are appended to, not split.
 *
 * A line for an item and location already written by an earlier call for the same file is
 * left by the insert and then merged into that line by a second statement, which clears its
 * reconciliation: the merged line may stand at a later instant, so `reconcileCountLines`
 * recomputes it once the file is in. Returns whether any line was merged, so a file without
 * repeats (the usual case) skips that pass over all its lines.
 */
export async function storeStagedLines(
  db: AuditDb,
  stagingTable: string,
  importId: string,
  reconciledAt: string,
): Promise<{ merged: boolean }> {
  const staged = sql.table(stagingTable);
  const counted = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${staged}`.execute(
    db,
  );
  const stagedLines = Number(counted.rows[0]?.n ?? 0);
  if (stagedLines === 0) return { merged: false };

  const system = systemFromBasis(
    sql.ref('s.system_basis'),
    sql.ref('s.level_on_hand'),
    sql.ref('s.moved_after_count'),
  );

  // MATERIALIZED, both: the first keeps the item order for the probes; inlined, the second
  // would run each lookup of the system figure once per use below.
  const inserted = await sql`
    WITH r AS MATERIALIZED (SELECT * FROM ${staged} ORDER BY item_id, location_handle),
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
    ORDER BY s.location_handle, s.item_id
    ON CONFLICT (import_id, location_handle, item_id) DO NOTHING`.execute(db);
  if (Number(inserted.numAffectedRows ?? 0) === stagedLines) return { merged: false };

  // The lines left out: an earlier call wrote them, so they end before these begin.
  await sql`
    UPDATE count_lines SET
      counted_quantity = count_lines.counted_quantity + r.counted_quantity,
      counted_at = CASE WHEN r.counted_at > count_lines.counted_at
        THEN r.counted_at ELSE count_lines.counted_at END,
      line_count = count_lines.line_count + r.line_count,
      last_line = r.last_line,
      level_on_hand = NULL, moved_after_count = NULL, system_basis = NULL,
      system_on_hand = NULL, variance = NULL, reconciled_at = NULL
    FROM ${staged} r
    WHERE count_lines.import_id = ${importId}
      AND count_lines.location_handle = r.location_handle AND count_lines.item_id = r.item_id
      AND count_lines.last_line < r.first_line`.execute(db);
  return { merged: true };
}

/** Drops the lines of a refused import: a file with errors is kept whole or not at all. */
export async function deleteCountLines(db: AuditDb, importId: string): Promise<void> {
  await db.deleteFrom('count_lines').where('import_id', '=', importId).execute();
}
