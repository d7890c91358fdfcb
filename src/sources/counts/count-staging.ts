import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { AuditDb } from '../../reports/audit/audit-db.js';
import type { Dialect } from '../../storage/storage.js';
import type { CountBatch } from './count-batch.js';
import { storeStagedLines } from './store-count-lines.js';

/**
 * The good lines of an import on their way into `count_lines`: a temporary table, private to
 * the connection that made it, that gathers many batches before they are reconciled together.
 *
 * Why: a count file lists a store's shelf, item after item, while the books are keyed item
 * first (levels and movements by item, then location). Reconciled batch by batch, every line
 * probes a different page of those indexes, and on a million-line file SQLite reads two pages
 * from the operating system per line. Staged over several stores and reconciled in item order,
 * one page serves every staged store of an item (see `storeStagedLines`).
 *
 * Lines for the same item and location are merged as they are staged, as the file gives them:
 * quantities add up, the count stands at the latest of their instants, and the counter and
 * area stay those of the first line.
 */
export class CountStaging {
  private readonly rows: (string | number | null)[][] = [];

  private constructor(
    private readonly db: AuditDb,
    private readonly dialect: Dialect,
    private readonly importId: string,
    private readonly table: string,
  ) {}

  /** Makes the table; `db` must be one connection (a temporary table lives in one). */
  static async create(db: AuditDb, dialect: Dialect, importId: string): Promise<CountStaging> {
    const table = `count_staging_${importId.replace(/[^0-9a-z]/gi, '')}`;
    await sql`
      CREATE TEMPORARY TABLE ${sql.table(table)} (
        location_handle TEXT NOT NULL, item_id TEXT NOT NULL, first_line INTEGER NOT NULL,
        last_line INTEGER NOT NULL, line_count INTEGER NOT NULL,
        counted_quantity INTEGER NOT NULL, counted_at TEXT NOT NULL, counter TEXT, area TEXT,
        PRIMARY KEY (location_handle, item_id))${withoutRowid(dialect)}`.execute(db);
    return new CountStaging(db, dialect, importId, table);
  }

  /**
   * Adds a batch (its lines merged per item and location). It travels as one JSON parameter
   * that the database unpacks: building a thousand-row VALUES list costs more in query building
   * and statement preparation than the insert itself. The row arrays are this object's, made
   * once and refilled for every batch, so no array per line outlives its line (see `CountBatch`
   * on why that matters).
   */
  async add(batch: CountBatch): Promise<void> {
    if (batch.size === 0) return;

    // Filled literals, not `new Array(9)`: JSON.stringify takes a slower path over holes.
    while (this.rows.length < batch.size) this.rows.push(['', '', 0, 0, 0, 0, '', null, null]);
    for (let at = 0; at < batch.size; at += 1) {
      const row = this.rows[at]!;
      row[0] = batch.locationHandle[at]!;
      row[1] = batch.itemId[at]!;
      row[2] = batch.firstLine[at]!;
      row[3] = batch.lastLine[at]!;
      row[4] = batch.lineCount[at]!;
      row[5] = batch.countedQuantity[at]!;
      row[6] = batch.countedAt[at]!;
      row[7] = batch.counter[at]!;
      row[8] = batch.area[at]!;
    }
    const json = JSON.stringify(
      batch.size === this.rows.length ? this.rows : this.rows.slice(0, batch.size),
    );

    const staged = sql.table(this.table);
    await sql`
      INSERT INTO ${staged} (location_handle, item_id, first_line, last_line, line_count,
        counted_quantity, counted_at, counter, area)
      SELECT * FROM (${rowSource(this.dialect, json)}) r WHERE true
      ON CONFLICT (location_handle, item_id) DO UPDATE SET
        counted_quantity = ${staged}.counted_quantity + excluded.counted_quantity,
        counted_at = CASE WHEN excluded.counted_at > ${staged}.counted_at
          THEN excluded.counted_at ELSE ${staged}.counted_at END,
        line_count = ${staged}.line_count + excluded.line_count,
        last_line = excluded.last_line`.execute(this.db);
  }

  /**
   * Reconciles what is staged into `count_lines` and empties the table. Returns whether a line
   * was merged into one an earlier call wrote (its reconciliation then waits for the file's end).
   */
  async store(reconciledAt: string): Promise<{ merged: boolean }> {
    const written = await storeStagedLines(this.db, this.table, this.importId, reconciledAt);
    await sql`DELETE FROM ${sql.table(this.table)}`.execute(this.db);
    return written;
  }

  async drop(): Promise<void> {
    await sql`DROP TABLE IF EXISTS ${sql.table(this.table)}`.execute(this.db);
  }
}

// In SQLite, a table keyed by its primary key alone: one b-tree to write instead of two.
function withoutRowid(dialect: Dialect): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql` WITHOUT ROWID` : sql``;
}

// jsonb_each in SQLite: the parameter is parsed once, and each field is then read from the
// binary form; json_each hands each row over as text that every `->>` parses again (about 3 s
// of CPU on a million lines, against about 1.5 s).
function rowSource(dialect: Dialect, json: string): RawBuilder<unknown> {
  const elements =
    dialect === 'postgres'
      ? sql`json_array_elements(CAST(${json} AS json)) AS e(value)`
      : sql`jsonb_each(${json}) AS e`;
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
