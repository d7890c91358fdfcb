import { randomUUID } from 'node:crypto';
import { splitCsvLine, splitCsvLineInto } from '../../domain/velocity/split-csv-line.js';
import { auditDb } from '../../reports/audit/audit-db.js';
import type { AuditDb } from '../../reports/audit/audit-db.js';
import { reconcileCountLines } from '../../reports/audit/reconcile-count-lines.js';
import type { Clock } from '../../shared/clock.js';
import { toError } from '../../shared/error-catalogue.js';
import type { Storage } from '../../storage/storage.js';
import { CountCatalogue } from './count-catalogue.js';
import { parseCountHeader } from './count-csv-header.js';
import type { CountColumns } from './count-csv-header.js';
import { CountErrorList } from './count-error-list.js';
import { abandonImport, finishImport, summariseImport } from './count-import-records.js';
import type { CountImportResult } from './count-import-result.js';
import { CheckedCountRow, checkCountRow } from './parse-count-row.js';
import { readLineChunks } from './read-lines.js';
import type { CountSource } from './read-lines.js';
import { CountBatch } from './count-batch.js';
import { CountStaging } from './count-staging.js';
import { deleteCountLines } from './store-count-lines.js';

export interface ImportCountsOptions {
  clock: Clock;
  /** Keep the good lines of a file that has bad ones; by default such a file is refused whole. */
  keepGoodRows?: boolean;
  /** The file name or upload id, kept with the import. */
  sourceName?: string;
  /** Lines looked up per catalogue query and staged per statement. */
  batchSize?: number;
  /** Good lines staged before they are reconciled together (see `CountStaging`). */
  linesPerReconcile?: number;
  maxReportedErrors?: number;
  /** How far past "now" a count may be dated (clock skew between devices). */
  futureToleranceMs?: number;
  /** Called after each batch with the lines read so far (CLI progress). */
  onProgress?: (linesRead: number) => void;
}

/**
 * Imports a count file (CSV with a header row) and reconciles it as of each count's instant.
 * The file is streamed: lines are checked as they come, looked up a batch at a time, and the
 * good ones staged and written, reconciled, every `linesPerReconcile` lines (memory stays at a
 * batch in the process and a pass in the database's staging table). The import stays
 * `loading`, invisible to reports, until its last line is in; a file with bad lines is then
 * refused whole (its lines deleted) unless `keepGoodRows` is set.
 */
export async function importCounts(
  storage: Storage,
  source: CountSource,
  options: ImportCountsOptions,
): Promise<CountImportResult> {
  const db = auditDb(storage);
  const chunks = readLineChunks(source)[Symbol.asyncIterator]();
  // The chunk being read, and its next line.
  let chunk: string[] = [];
  let at = 0;

  let lineNumber = 0;
  let columns: CountColumns | null = null;
  findHeader: for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    chunk = next.value;
    for (at = 0; at < chunk.length;) {
      const line = chunk[at++]!;
      lineNumber += 1;
      if (line.trim() === '') continue;
      const split = splitCsvLine(line);
      const header = parseCountHeader(split.ok ? split.fields : [line]);
      if (!header.ok) {
        await chunks.return(undefined);
        return {
          ok: false,
          reason: 'invalid_header',
          missing: header.missing,
          duplicated: header.duplicated,
        };
      }
      columns = header.columns;
      break findHeader;
    }
  }
  if (!columns) return { ok: false, reason: 'empty_file' };

  const importId = randomUUID();
  const keepGoodRows = options.keepGoodRows ?? false;
  await db
    .insertInto('count_imports')
    .values({
      id: importId,
      source_name: options.sourceName ?? null,
      status: 'loading',
      keep_good_rows: keepGoodRows ? 1 : 0,
      started_at: options.clock().toISOString(),
      imported_at: null,
      lines_read: 0,
      lines_accepted: 0,
      lines_rejected: 0,
    })
    .execute();

  const catalogue = await CountCatalogue.load(db);
  const errors = new CountErrorList(options.maxReportedErrors ?? 1000);
  const batchSize = options.batchSize ?? 1000;
  // A pass's sorts and copies live in SQLite's memory while its statement runs: on SQLite,
  // 100,000 lines a pass lifted a million-line import's peak about 25 MB above 50,000, which
  // costs about 5 % more CPU (more of the books' pages read again); 25,000 cost 15-25 %.
  const linesPerReconcile = options.linesPerReconcile ?? 50_000;
  const futureToleranceMs = options.futureToleranceMs ?? 5 * 60_000;
  const now = options.clock();
  let dataLines = 0;
  let goodLines = 0;
  let merged = false;

  const readRest = async (staging: CountStaging) => {
    const batch = new CountBatch(batchSize);
    let staged = 0;
    const store = async () => {
      const written = await staging.store(options.clock().toISOString());
      merged ||= written.merged;
      staged = 0;
    };
    const flush = async () => {
      await catalogue.prepare(batch);
      goodLines += batch.resolve(catalogue, errors);
      // Once a refused file is certain, writing more of it is wasted work.
      // TODO(keepGoodRows): an item counted in two areas of which one line is bad is kept with
      // its good line only, which reads as ghost units. Dropping the item's whole count needs
      // the bad line's item, which an unknown code does not give; the errors list names the line.
      if (keepGoodRows || errors.total === 0) {
        await staging.add(batch);
        staged += batch.size;
        if (staged >= linesPerReconcile) await store();
      }
      batch.clear();
      options.onProgress?.(dataLines);
    };
    // Checks one line's fields and location, and holds it in the batch or reports it. The
    // fields and the checked row are rewritten for every line (see `CountBatch` on why).
    const fields: string[] = [];
    const row = new CheckedCountRow();
    const check = (line: string) => {
      const quoting = splitCsvLineInto(line, fields);
      if (quoting) {
        errors.add(
          lineNumber,
          'malformed_quotes',
          `a quoted field (column ${quoting.fieldIndex + 1}) is not closed properly`,
        );
        return;
      }
      const failure = checkCountRow(fields, columns, now, futureToleranceMs, row);
      if (failure) {
        errors.add(lineNumber, failure.reason, failure.detail);
        return;
      }
      const locationHandle = catalogue.location(row.locationRef);
      if (!locationHandle) {
        errors.add(
          lineNumber,
          'unknown_location',
          `no location has the handle '${row.locationRef}'`,
        );
        return;
      }
      batch.add(lineNumber, row, locationHandle);
    };

    for (;;) {
      while (at < chunk.length) {
        const line = chunk[at++]!;
        lineNumber += 1;
        if (line.trim() === '') continue;
        dataLines += 1;

        check(line);
        if (batch.full) await flush();
      }
      const next = await chunks.next();
      if (next.done) break;
      chunk = next.value;
      at = 0;
    }
    await flush();
    if (keepGoodRows || errors.total === 0) await store();
  };

  try {
    await onOneConnection(storage, db, async (connection) => {
      const staging = await CountStaging.create(connection, storage.dialect, importId);
      try {
        await readRest(staging);
      } finally {
        await staging.drop();
      }
    });
  } catch (thrown) {
    // A stream that breaks off (a dropped upload, a line far too long) leaves no half import.
    await abandonImport(db, importId);
    throw toError(thrown, 'count import');
  }

  const lineTotals = {
    lines: dataLines,
    goodLines,
    badLines: errors.total,
    errors: errors.list(),
    errorsTruncated: errors.truncated,
    ignoredColumns: columns.ignored,
  };

  if (errors.total > 0 && !keepGoodRows) {
    await deleteCountLines(db, importId);
    await finishImport(db, importId, 'rejected', null, lineTotals);
    return { ok: false, reason: 'rows_rejected', importId, ...lineTotals };
  }

  const importedAt = options.clock().toISOString();
  // Only lines merged across reconcile passes wait for it; every other line is reconciled.
  if (merged) await reconcileCountLines(db, { pendingOf: importId }, importedAt);
  await finishImport(db, importId, 'accepted', importedAt, lineTotals);
  return {
    ok: true,
    importId,
    importedAt,
    summary: await summariseImport(db, importId),
    ...lineTotals,
  };
}

/**
 * Runs `work` on one connection, for the staging table that lives in it: PostgreSQL's pool is
 * asked for one for the import. SQLite has one connection only, and holding it would make every
 * other query wait (the catalogue's look-ups among them) until the import is done.
 */
async function onOneConnection(
  storage: Storage,
  db: AuditDb,
  work: (connection: AuditDb) => Promise<void>,
): Promise<void> {
  if (storage.dialect === 'sqlite') return work(db);
  return db.connection().execute(work);
}
