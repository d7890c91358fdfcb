import { sql } from 'kysely';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import { systemClock } from '../../shared/clock.js';
import type { Clock } from '../../shared/clock.js';
import type { Storage } from '../../storage/storage.js';
import { auditDb } from './audit-db.js';
import type { AuditDb } from './audit-db.js';
import type { AuditReport, CategoryDrift, StoreDrift, WorstItem } from './audit-report.js';
import { detectLikelyCauses } from './detect-likely-causes.js';
import { addSums, driftSelections, emptySums, toDriftSummary } from './drift-selections.js';
import type { DriftSums } from './drift-selections.js';
import { withLatestCounts } from './latest-counts.js';
import type { CountWindow } from './latest-counts.js';
import { readLevelHistory } from './read-level-history.js';
import { reopenLateCounts } from './reopen-late-counts.js';

export interface AuditReportOptions {
  from?: Date | string;
  to?: Date | string;
  /** A store whose drift is above this is flagged; 3% by default. */
  thresholdPercent?: number;
  /** Only this location's counts. */
  location?: string;
  worstItemsLimit?: number;
  /** How far before each count the ledger is searched for likely causes. */
  lookbackDays?: number;
  clock?: Clock;
}

/**
 * The audit: drift per store, per category and for the chain, each count taken against the
 * system as of its own instant; stores over the threshold flagged; the largest variances by
 * value with their likely causes. Counts made stale by late events are reopened first, so the
 * report never shows a figure the ledger has since moved.
 */
export async function buildAuditReport(
  storage: Storage,
  options: AuditReportOptions = {},
): Promise<AuditReport> {
  const clock = options.clock ?? systemClock;
  const thresholdPercent = options.thresholdPercent ?? 3;
  const lookbackDays = options.lookbackDays ?? 28;
  const window: CountWindow = {
    from: instantOrNull(options.from, 'from'),
    to: instantOrNull(options.to, 'to'),
  };
  const location = options.location ?? null;
  const db = auditDb(storage);

  const reopenedNow = await reopenLateCounts(db, clock);

  // One pass: sums per store and category, added up here into stores, categories and chain.
  const rows = await withLatestCounts(db, window, location)
    .selectFrom('latest as l')
    .innerJoin('items as it', 'it.id', 'l.item_id')
    .innerJoin('locations as loc', 'loc.handle', 'l.location_handle')
    .groupBy(['l.location_handle', 'loc.name', 'loc.kind', sql`COALESCE(it.category, '')`])
    .select([
      'l.location_handle',
      'loc.name',
      'loc.kind',
      sql<string>`COALESCE(it.category, '')`.as('category'),
      ...driftSelections,
    ])
    .execute();

  const chain = emptySums();
  const byStore = new Map<string, { name: string; kind: string; sums: DriftSums }>();
  const byCategory = new Map<string, DriftSums>();
  for (const row of rows) {
    addSums(chain, row);
    const store = byStore.get(row.location_handle) ?? {
      name: row.name,
      kind: row.kind,
      sums: emptySums(),
    };
    byStore.set(row.location_handle, { ...store, sums: addSums(store.sums, row) });
    byCategory.set(row.category, addSums(byCategory.get(row.category) ?? emptySums(), row));
  }

  const stores: StoreDrift[] = [...byStore.entries()]
    .filter(([, store]) => store.sums.counts > 0)
    .map(([handle, store]) => {
      const { sums } = store;
      return {
        locationHandle: handle,
        name: store.name,
        kind: store.kind,
        ...toDriftSummary(sums),
        overThreshold:
          sums.system_units > 0
            ? (sums.absolute_variance / sums.system_units) * 100 > thresholdPercent
            : sums.absolute_variance > 0,
      };
    });
  const categories: CategoryDrift[] = [...byCategory.entries()]
    .filter(([, sums]) => sums.counts > 0)
    .map(([category, sums]) => ({ category, ...toDriftSummary(sums) }));

  return {
    generatedAt: clock().toISOString(),
    window,
    thresholdPercent,
    lookbackDays,
    chain: toDriftSummary(chain),
    stores: stores.sort(byDrift((s) => s.locationHandle)),
    categories: categories.sort(byDrift((c) => c.category)),
    worstItems: await worstItems(db, window, location, options.worstItemsLimit ?? 25, lookbackDays),
    unreconciledCounts: chain.unreconciled,
    reopenedNow,
  };
}

async function worstItems(
  db: AuditDb,
  window: CountWindow,
  location: string | null,
  limit: number,
  lookbackDays: number,
): Promise<WorstItem[]> {
  const rows = await withLatestCounts(db, window, location)
    .selectFrom('latest as l')
    .innerJoin('items as it', 'it.id', 'l.item_id')
    .where('l.variance', 'is not', null)
    .where('l.variance', '<>', 0)
    .select([
      'l.import_id',
      'l.item_id',
      'l.location_handle',
      'l.counted_at',
      'l.counted_quantity',
      'l.system_on_hand',
      'l.variance',
      'l.reopened',
      'it.sku',
      'it.title',
      'it.category',
      'it.cost_cents',
      'it.price_cents',
    ])
    .orderBy(sql`ABS(l.variance) * COALESCE(CAST(it.cost_cents AS BIGINT), 0)`, 'desc')
    .orderBy(sql`ABS(l.variance)`, 'desc')
    .orderBy('l.location_handle')
    .orderBy('l.item_id')
    .limit(limit)
    .execute();

  const items: WorstItem[] = [];
  for (const row of rows) {
    const variance = Number(row.variance);
    const countedAt = new Date(row.counted_at);
    const history = await readLevelHistory(
      db,
      { itemId: row.item_id, locationHandle: row.location_handle },
      countedAt,
      lookbackDays,
    );
    items.push({
      importId: row.import_id,
      itemId: row.item_id,
      sku: row.sku,
      title: row.title,
      category: row.category,
      locationHandle: row.location_handle,
      countedAt: row.counted_at,
      systemOnHand: Number(row.system_on_hand),
      countedQuantity: row.counted_quantity,
      variance,
      varianceCostCents: row.cost_cents === null ? null : variance * row.cost_cents,
      varianceRetailCents: row.price_cents === null ? null : variance * row.price_cents,
      reopened: row.reopened === 1,
      likelyCauses: detectLikelyCauses(history, { countedAt, lookbackDays }),
    });
  }
  return items;
}

function byDrift<T extends { driftPercent: number | null }>(key: (row: T) => string) {
  return (a: T, b: T) =>
    (b.driftPercent ?? -1) - (a.driftPercent ?? -1) || key(a).localeCompare(key(b));
}

function instantOrNull(value: Date | string | undefined, name: string): string | null {
  if (value === undefined) return null;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) {
    throw new TrueshelfError(
      'invalid_request',
      `${name} '${String(value)}' is not an instant; expected ISO-8601 with an offset`,
      { [name]: String(value) },
    );
  }
  return instant.toISOString();
}
