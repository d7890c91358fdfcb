import type { AuditDb } from '../../reports/audit/audit-db.js';
import type { CountBatch } from './count-batch.js';
import type { CountLineErrorReason } from './count-line-error.js';
import type { ItemCode } from './parse-count-row.js';

/** The item's id, or why the codes name none (an object only then: see `CountBatch`). */
export type ItemResolution = string | { reason: CountLineErrorReason; detail: string };

// Bounded so that a file naming millions of distinct codes still runs in constant memory.
const MAX_CACHED_CODES = 200_000;
const LOOKUP_CHUNK = 500;
const NONE: readonly string[] = [];

/**
 * Finds the locations and items a count file names. Locations are few and read once; items
 * are looked up a batch at a time (by SKU and by barcode, deleted items left out), with a
 * bounded cache in front, so a store's file that names the same catalogue again and again
 * costs one query per new batch of codes.
 */
export class CountCatalogue {
  // Two matches are enough to know a code is ambiguous. One map per kind of code, so a
  // lookup builds no key string (a million-line file looks up a million codes).
  private readonly matches = {
    sku: new Map<string, string[]>(),
    barcode: new Map<string, string[]>(),
  };

  private constructor(
    private readonly db: AuditDb,
    private readonly locations: ReadonlyMap<string, string>,
  ) {}

  static async load(db: AuditDb): Promise<CountCatalogue> {
    const rows = await db.selectFrom('locations').select('handle').execute();
    return new CountCatalogue(db, new Map(rows.map((r) => [r.handle.toLowerCase(), r.handle])));
  }

  /** The location's handle, matched without regard to case; null when there is none. */
  location(ref: string): string | null {
    return this.locations.get(ref.toLowerCase()) ?? null;
  }

  /** Looks up every code of a batch not already known. */
  async prepare(batch: CountBatch): Promise<void> {
    // Room first, so nothing this batch relies on is evicted while it is looked up: two codes
    // a line, each perhaps looked up both as a SKU and as a barcode.
    this.makeRoom(batch.size * 4);
    const skus = new Set<string>();
    const barcodes = new Set<string>();
    batch.forEachCode((by, value) => {
      if (by !== 'barcode' && !this.matches.sku.has(value)) skus.add(value);
      if (by !== 'sku' && !this.matches.barcode.has(value)) barcodes.add(value);
    });
    if (skus.size === 0 && barcodes.size === 0) return;

    for (const value of skus) this.matches.sku.set(value, []);
    for (const value of barcodes) this.matches.barcode.set(value, []);
    await this.fetch('sku', [...skus]);
    await this.fetch('barcode', [...barcodes]);
  }

  /**
   * The item a row's codes name: the first code, and the second (a barcode beside a SKU) when
   * given, which must agree; `prepare` must have seen them.
   */
  resolve(
    primaryBy: ItemCode['by'],
    primaryValue: string,
    secondBy: ItemCode['by'] | null,
    secondValue: string,
  ): ItemResolution {
    const found = this.resolveOne(primaryBy, primaryValue);
    if (typeof found !== 'string' || secondBy === null) return found;

    const other = this.resolveOne(secondBy, secondValue);
    if (typeof other === 'string' && other !== found) {
      return {
        reason: 'sku_barcode_mismatch',
        detail: `${primaryBy} '${primaryValue}' and ${secondBy} '${secondValue}' name different items`,
      };
    }
    return found;
  }

  private resolveOne(by: ItemCode['by'], value: string): ItemResolution {
    if (by === 'code') {
      const bySku = this.matches.sku.get(value) ?? NONE;
      if (bySku.length > 0) return this.single(bySku, 'sku', value);
      const byBarcode = this.matches.barcode.get(value) ?? NONE;
      if (byBarcode.length > 0) return this.single(byBarcode, 'barcode', value);
      return {
        reason: 'unknown_code',
        detail: `no item has SKU or barcode '${value}'`,
      };
    }

    const ids = this.matches[by].get(value) ?? NONE;
    if (ids.length === 0) {
      const reason = by === 'sku' ? 'unknown_sku' : 'unknown_barcode';
      return { reason, detail: `no item has ${by} '${value}'` };
    }
    return this.single(ids, by, value);
  }

  private single(ids: readonly string[], by: 'sku' | 'barcode', value: string): ItemResolution {
    if (ids.length === 1) return ids[0]!;
    const reason = by === 'sku' ? 'ambiguous_sku' : 'ambiguous_barcode';
    return { reason, detail: `${by} '${value}' names several items; use a unique code` };
  }

  private async fetch(by: 'sku' | 'barcode', values: readonly string[]): Promise<void> {
    for (let from = 0; from < values.length; from += LOOKUP_CHUNK) {
      const chunk = values.slice(from, from + LOOKUP_CHUNK);
      const rows = await this.db
        .selectFrom('items')
        .select(['id', by])
        .where(by, 'in', chunk)
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .execute();
      for (const row of rows) {
        const value = row[by];
        const ids = value === null ? undefined : this.matches[by].get(value);
        if (ids && ids.length < 2) ids.push(row.id);
      }
    }
  }

  private makeRoom(incoming: number): void {
    const { sku, barcode } = this.matches;
    if (sku.size + barcode.size + incoming <= MAX_CACHED_CODES) return;
    // Oldest first: a Map iterates in insertion order.
    let drop = sku.size + barcode.size + incoming - MAX_CACHED_CODES + MAX_CACHED_CODES / 10;
    for (const map of [sku, barcode]) {
      for (const key of map.keys()) {
        if (drop-- <= 0) return;
        map.delete(key);
      }
    }
  }
}
