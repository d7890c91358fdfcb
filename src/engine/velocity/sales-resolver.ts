import type { Kysely } from 'kysely';
import type { SalesCsvRow } from '../../domain/velocity/parse-sales-csv-line.js';
import type { SalesCsvError } from '../../domain/velocity/sales-csv-error.js';
import type { Database } from '../../storage/database-schema.js';
import type { SaleTable } from '../../storage/velocity-schema.js';

/** A refused line: the parser's reasons, or a location or SKU the registry does not know. */
export interface SaleLineError {
  line: number;
  column: string | null;
  reason: SalesCsvError['reason'] | 'unknown_location' | 'unknown_sku' | 'ambiguous_sku';
  value: string | null;
  message: string;
}

export type ResolvedSale =
  | { ok: true; itemId: string; location: string; timeZone: string | null }
  | { ok: false; error: SaleLineError };

/**
 * Maps a CSV row's location handle and SKU to the registry. A SKU can be blank or shared, so
 * only a SKU held by exactly one live item is trusted; a shared one is refused, not guessed.
 */
export class SalesResolver {
  private constructor(
    private readonly locations: Map<string, string | null>,
    private readonly skus: Map<string, string | null>,
  ) {}

  static async load(db: Kysely<Database>): Promise<SalesResolver> {
    const locations = await db.selectFrom('locations').select(['handle', 'time_zone']).execute();
    const items = await db
      .selectFrom('items')
      .select(['id', 'sku'])
      .where('deleted_at', 'is', null)
      .where('sku', 'is not', null)
      .execute();
    const skus = new Map<string, string | null>();
    for (const item of items) {
      const sku = item.sku ?? '';
      skus.set(sku, skus.has(sku) ? null : item.id);
    }
    return new SalesResolver(new Map(locations.map((l) => [l.handle, l.time_zone])), skus);
  }

  resolve(row: SalesCsvRow): ResolvedSale {
    const fail = (reason: SaleLineError['reason'], column: string, value: string, why: string) =>
      ({
        ok: false,
        error: { line: row.line, column, reason, value, message: `line ${row.line}: ${why}` },
      }) as const;

    if (!this.locations.has(row.location)) {
      return fail(
        'unknown_location',
        'location',
        row.location,
        `location '${row.location}' is not in the registry; expected a location handle`,
      );
    }
    const itemId = this.skus.get(row.sku);
    if (itemId === undefined) {
      return fail('unknown_sku', 'sku', row.sku, `sku '${row.sku}' matches no item`);
    }
    if (itemId === null) {
      return fail(
        'ambiguous_sku',
        'sku',
        row.sku,
        `sku '${row.sku}' is shared by more than one item; it cannot say which was sold`,
      );
    }
    return {
      ok: true,
      itemId,
      location: row.location,
      timeZone: this.locations.get(row.location) ?? null,
    };
  }

  /** The sale row; identical rows in one file are told apart by their occurrence. */
  toSale(
    row: SalesCsvRow,
    resolved: Extract<ResolvedSale, { ok: true }>,
    seen: Map<string, number>,
    now: Date,
  ): SaleTable {
    const when = 'occurredAt' in row ? row.occurredAt.toISOString() : row.localDay;
    const content = `${resolved.location}|${resolved.itemId}|${when}|${row.quantity}`;
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    return {
      source_ref: `csv:${content}#${occurrence}`,
      item_id: resolved.itemId,
      location_handle: resolved.location,
      quantity: row.quantity,
      occurred_at: 'occurredAt' in row ? row.occurredAt.toISOString() : null,
      local_day: 'localDay' in row ? row.localDay : null,
      source: 'csv',
      recorded_at: now.toISOString(),
    };
  }
}
