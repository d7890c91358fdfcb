import { randomUUID } from 'node:crypto';
import { splitCsvLine } from '../../domain/velocity/split-csv-line.js';
import { auditDb } from '../../reports/audit/audit-db.js';
import type { AuditDb } from '../../reports/audit/audit-db.js';
import { reconcileCounts } from '../../reports/audit/reconcile-counts.js';
import type { Clock } from '../../shared/clock.js';
import type { CountLineTable } from '../../storage/audit-schema.js';
import type { Storage } from '../../storage/storage.js';
import { CountCatalogue } from './count-catalogue.js';
import { parseCountHeader } from './count-csv-header.js';
import type { CountColumns } from './count-csv-header.js';
import { CountErrorList } from './count-error-list.js';
import type { CountImportResult, CountImportSummary } from './count-import-result.js';
import type { CountRow } from './parse-count-row.js';
import { parseCountRow } from './parse-count-row.js';
import { readLines } from './read-lines.js';
import type { CountSource } from './read-lines.js';
import { deleteCountLines, groupLinesIntoCounts, insertCountLines } from './store-count-lines.js';

export interface ImportCountsOptions {
  clock: Clock;
  /** Keep the good lines of a file that has bad ones; by default such a file is refused whole. */
  keepGoodRows?: boolean;
  /** The file name or upload id, kept with the import. */
  sourceName?: string;
  batchSize?: number;
  maxReportedErrors?: number;
  /** How far past "now" a count may be dated (clock skew between devices). */
  futureToleranceMs?: number;
  /** Called after each batch with the lines read so far (CLI progress). */
  onProgress?: (linesRead: number) => void;
}

interface PendingRow {
  line: number;
  row: CountRow;
  locationHandle: string;
}

/**
 * Imports a count file (CSV with a header row) and reconciles it as of each count's instant.
 * The file is streamed: lines are checked as they come, looked up a batch at a time, and the
 * good ones written as they go. The import stays `loading`, invisible to reports, until its
 * last line is in; a file with bad lines is then refused whole (its lines deleted) unless
 * `keepGoodRows` is set.
 */
export async function importCounts(
  storage: Storage,
  source: CountSource,
  options: ImportCountsOptions,
): Promise<CountImportResult> {
  const db = auditDb(storage);
  const lines = readLines(source)[Symbol.asyncIterator]();

  let lineNumber = 0;
  let columns: CountColumns | null = null;
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    lineNumber += 1;
    if (next.value.trim() === '') continue;
    const split = splitCsvLine(next.value);
    const header = parseCountHeader(split.ok ? split.fields : [next.value]);
    if (!header.ok) {
      await lines.return(undefined);
      return { ok: false, reason: 'invalid_header', missing: header.missing, duplicated: header.duplicated };
    }
    columns = header.columns;
    break;
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
  const batchSize = options.batchSize ?? 2000;
  const futureToleranceMs = options.futureToleranceMs ?? 5 * 60_000;
  const now = options.clock();
  let dataLines = 0;
  let goodLines = 0;
  let pending: PendingRow[] = [];

  const flush = async () => {
    const good = await resolveBatch(catalogue, importId, pending, errors);
    goodLines += good.length;
    // Once a refused file is certain, writing more of it is wasted work.
    if (keepGoodRows || errors.total === 0) await insertCountLines(db, good);
    pending = [];
    options.onProgress?.(dataLines);
  };

  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = next.value;
    lineNumber += 1;
    if (line.trim() === '') continue;
    dataLines += 1;

    const split = splitCsvLine(line);
    if (!split.ok) {
      errors.add(lineNumber, 'malformed_quotes', `a quoted field (column ${split.fieldIndex + 1}) is not closed properly`);
      continue;
    }
    const parsed = parseCountRow(split.fields, columns, now, futureToleranceMs);
    if (!parsed.ok) {
      errors.add(lineNumber, parsed.reason, parsed.detail);
      continue;
    }
    const locationHandle = catalogue.location(parsed.row.locationRef);
    if (!locationHandle) {
      errors.add(lineNumber, 'unknown_location', `no location has the handle '${parsed.row.locationRef}'`);
      continue;
    }

    pending.push({ line: lineNumber, row: parsed.row, locationHandle });
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  console.log('stream', process.uptime());

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
  await groupLinesIntoCounts(db, importId);
  console.log('group', process.uptime());
  await reconcileCounts(db, { importId }, importedAt);
  console.log('reconcile', process.uptime());
  await finishImport(db, importId, 'accepted', importedAt, lineTotals);
  return { ok: true, importId, importedAt, summary: await summarise(db, importId), ...lineTotals };
}

async function resolveBatch(
  catalogue: CountCatalogue,
  importId: string,
  pending: readonly PendingRow[],
  errors: CountErrorList,
): Promise<CountLineTable[]> {
  await catalogue.prepare(pending.flatMap((p) => p.row.codes));

  const good: CountLineTable[] = [];
  for (const { line, row, locationHandle } of pending) {
    const item = catalogue.resolve(row.codes);
    if (!item.ok) {
      errors.add(line, item.reason, item.detail);
      continue;
    }
    good.push({
      import_id: importId,
      line_number: line,
      item_id: item.itemId,
      location_handle: locationHandle,
      counted_quantity: row.countedQuantity,
      counted_at: row.countedAt,
      counter: row.counter,
      area: row.area,
    });
  }
  return good;
}

async function finishImport(
  db: AuditDb,
  importId: string,
  status: 'accepted' | 'rejected',
  importedAt: string | null,
  totals: { lines: number; goodLines: number; badLines: number },
): Promise<void> {
  await db
    .updateTable('count_imports')
    .set({
      status,
      imported_at: importedAt,
      lines_read: totals.lines,
      lines_accepted: status === 'accepted' ? totals.goodLines : 0,
      lines_rejected: totals.badLines,
    })
    .where('id', '=', importId)
    .execute();
}

async function summarise(db: AuditDb, importId: string): Promise<CountImportSummary> {
  const row = await db
    .selectFrom('counts')
    .select((eb) => [
      eb.fn.countAll().as('counts'),
      eb.fn.sum(eb.case().when('variance', 'is', null).then(1).else(0).end()).as('unreconciled'),
      eb.fn.sum(eb.case().when('system_on_hand', '>', 0).then(eb.ref('system_on_hand')).else(0).end()).as('system_units'),
      eb.fn.sum(eb.case().when('variance', 'is not', null).then(eb.ref('counted_quantity')).else(0).end()).as('counted_units'),
      eb.fn.sum(eb.case().when('variance', '<', 0).then(eb.neg(eb.ref('variance'))).else(0).end()).as('ghost_units'),
      eb.fn.sum(eb.case().when('variance', '>', 0).then(eb.ref('variance')).else(0).end()).as('found_units'),
    ])
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();

  return {
    counts: Number(row.counts),
    unreconciled: Number(row.unreconciled ?? 0),
    systemUnits: Number(row.system_units ?? 0),
    countedUnits: Number(row.counted_units ?? 0),
    ghostUnits: Number(row.ghost_units ?? 0),
    foundUnits: Number(row.found_units ?? 0),
  };
}
