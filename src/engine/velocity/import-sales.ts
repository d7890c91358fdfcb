import type { Kysely } from 'kysely';
import { startOfLocalDay } from '../../domain/velocity/local-day-of.js';
import { parseSalesCsvHeader } from '../../domain/velocity/parse-sales-csv-header.js';
import { parseSalesCsvLine } from '../../domain/velocity/parse-sales-csv-line.js';
import type { SalesCsvRow } from '../../domain/velocity/parse-sales-csv-line.js';
import type { SalesCsvError } from '../../domain/velocity/sales-csv-error.js';
import { readLines } from '../../sources/counts/read-lines.js';
import type { CountSource } from '../../sources/counts/read-lines.js';
import type { Database } from '../../storage/database-schema.js';
import type { Storage } from '../../storage/storage.js';
import { SalesResolver } from './sales-resolver.js';
import type { SaleLineError } from './sales-resolver.js';
import { velocityDb } from './velocity-database.js';

export interface ImportSalesOptions {
  now: Date;
  /** Import the good rows of a file that has bad ones (default: a bad row imports nothing). */
  keepGoodRows?: boolean;
  onProgress?: (linesRead: number) => void;
}

export type ImportSalesResult =
  | {
      ok: true;
      lines: number;
      imported: number;
      alreadyRecorded: number;
      errors: SaleLineError[];
    }
  | { ok: false; reason: 'bad_header'; errors: SalesCsvError[] }
  | {
      ok: false;
      reason: 'rows_rejected';
      lines: number;
      badLines: number;
      errors: SaleLineError[];
    };

const BATCH = 500;

class RowsRejected extends Error {}

/**
 * Streams a past-sales CSV (`location, sku, quantity` and `date` or `occurred_at`) into the
 * recorded sales, so a new install starts with real velocities. Memory stays at one batch.
 * Each row is keyed by its content and its occurrence in the file, so importing a file again
 * adds nothing twice. A location's sales history is taken to begin at its earliest imported
 * sale. Every refused line is reported with its number; by default one bad line imports none.
 */
export async function importSales(
  storage: Storage,
  source: CountSource,
  options: ImportSalesOptions,
): Promise<ImportSalesResult> {
  const lines = readLines(source)[Symbol.asyncIterator]();
  const first = await lines.next();
  const header = parseSalesCsvHeader(first.done ? '' : first.value, 1);
  if (!header.ok) return { ok: false, reason: 'bad_header', errors: [header.error] };

  const errors: SaleLineError[] = [];
  let lineNumber = 1;
  let imported = 0;
  let rows = 0;
  try {
    await storage.db.transaction().execute(async (trx) => {
      const resolver = await SalesResolver.load(trx);
      const seen = new Map<string, number>();
      const since = new Map<string, string>();
      let batch: ReturnType<SalesResolver['toSale']>[] = [];

      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        lineNumber += 1;
        if (lineNumber % 10_000 === 0) options.onProgress?.(lineNumber);
        const parsed = parseSalesCsvLine(header.header, next.value, lineNumber);
        if (!parsed.ok) {
          errors.push(parsed.error);
          continue;
        }
        if (parsed.row === null) continue;
        const resolved = resolver.resolve(parsed.row);
        if (!resolved.ok) {
          errors.push(resolved.error);
          continue;
        }

        rows += 1;
        const sale = resolver.toSale(parsed.row, resolved, seen, options.now);
        noteEarliest(since, sale.location_handle, startOf(parsed.row, resolved.timeZone));
        batch.push(sale);
        if (batch.length >= BATCH) {
          imported += await insertBatch(trx, batch);
          batch = [];
        }
      }
      imported += await insertBatch(trx, batch);
      options.onProgress?.(lineNumber);

      if (errors.length > 0 && options.keepGoodRows !== true) throw new RowsRejected();
      await lowerSalesSince(trx, since);
    });
  } catch (thrown) {
    if (!(thrown instanceof RowsRejected)) throw thrown;
    return {
      ok: false,
      reason: 'rows_rejected',
      lines: lineNumber,
      badLines: errors.length,
      errors,
    };
  }

  return { ok: true, lines: lineNumber, imported, alreadyRecorded: rows - imported, errors };
}

function startOf(row: SalesCsvRow, timeZone: string | null): string {
  if ('occurredAt' in row) return row.occurredAt.toISOString();
  // Without a time zone the location gets no velocity anyway; UTC midnight marks the day.
  if (timeZone === null) return `${row.localDay}T00:00:00.000Z`;
  return startOfLocalDay(row.localDay, timeZone).toISOString();
}

function noteEarliest(since: Map<string, string>, location: string, instant: string): void {
  const known = since.get(location);
  if (known === undefined || instant < known) since.set(location, instant);
}

async function insertBatch(
  trx: Kysely<Database>,
  batch: ReturnType<SalesResolver['toSale']>[],
): Promise<number> {
  if (batch.length === 0) return 0;
  const result = await velocityDb(trx)
    .insertInto('sales')
    .values(batch)
    .onConflict((oc) => oc.column('source_ref').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** History now begins at the earliest imported sale, where that is earlier than it was. */
async function lowerSalesSince(trx: Kysely<Database>, since: Map<string, string>): Promise<void> {
  const vdb = velocityDb(trx);
  for (const [location, instant] of since) {
    await vdb
      .insertInto('location_sales_history')
      .values({ location_handle: location, sales_since: instant })
      .onConflict((oc) =>
        oc
          .column('location_handle')
          .doUpdateSet({ sales_since: instant })
          .where('location_sales_history.sales_since', '>', instant),
      )
      .execute();
  }
}
