import { sql } from 'kysely';
import type { DriftSummary } from './audit-report.js';

/**
 * The sums behind a drift summary, over `latest l` joined to `items it`. Every one is a plain
 * sum, so sums per store and category add up to a store's, a category's and the chain's: one
 * pass over the counts serves all three. Lines the books cannot reach (variance null) count
 * only in `unreconciled`. Values multiply in 64 bits (PostgreSQL's integer would overflow on a
 * large ghost of a dear item); drivers may return sums as strings, hence `Number` below.
 */
export const driftSelections = [
  sql<number>`SUM(CASE WHEN l.variance IS NOT NULL THEN 1 ELSE 0 END)`.as('counts'),
  sql<number>`SUM(CASE WHEN l.variance IS NULL THEN 1 ELSE 0 END)`.as('unreconciled'),
  sql<number>`SUM(CASE WHEN l.system_on_hand > 0 THEN l.system_on_hand ELSE 0 END)`.as(
    'system_units',
  ),
  sql<number>`SUM(CASE WHEN l.variance IS NOT NULL THEN l.counted_quantity ELSE 0 END)`.as(
    'counted_units',
  ),
  sql<number>`SUM(ABS(l.variance))`.as('absolute_variance'),
  sql<number>`SUM(CASE WHEN l.variance < 0 THEN -l.variance ELSE 0 END)`.as('ghost_units'),
  sql<number>`SUM(CASE WHEN l.variance > 0 THEN l.variance ELSE 0 END)`.as('found_units'),
  sql<number>`SUM(CASE WHEN l.variance < 0 THEN -l.variance * CAST(it.cost_cents AS BIGINT) ELSE 0 END)`.as(
    'ghost_cost',
  ),
  sql<number>`SUM(CASE WHEN l.variance < 0 THEN -l.variance * CAST(it.price_cents AS BIGINT) ELSE 0 END)`.as(
    'ghost_retail',
  ),
  sql<number>`SUM(CASE WHEN l.variance > 0 THEN l.variance * CAST(it.cost_cents AS BIGINT) ELSE 0 END)`.as(
    'found_cost',
  ),
  sql<number>`SUM(CASE WHEN l.variance > 0 THEN l.variance * CAST(it.price_cents AS BIGINT) ELSE 0 END)`.as(
    'found_retail',
  ),
  sql<number>`SUM(CASE WHEN l.variance <> 0 AND it.cost_cents IS NULL THEN 1 ELSE 0 END)`.as(
    'missing_cost',
  ),
  sql<number>`SUM(CASE WHEN l.variance <> 0 AND it.price_cents IS NULL THEN 1 ELSE 0 END)`.as(
    'missing_price',
  ),
  sql<number>`SUM(CASE WHEN l.variance IS NOT NULL THEN l.reopened ELSE 0 END)`.as('reopened'),
] as const;

const FIELDS = [
  'counts',
  'unreconciled',
  'system_units',
  'counted_units',
  'absolute_variance',
  'ghost_units',
  'found_units',
  'ghost_cost',
  'ghost_retail',
  'found_cost',
  'found_retail',
  'missing_cost',
  'missing_price',
  'reopened',
] as const;

export type DriftSums = Record<(typeof FIELDS)[number], number>;

export function emptySums(): DriftSums {
  return Object.fromEntries(FIELDS.map((f) => [f, 0])) as DriftSums;
}

/** Adds a row's sums (as the driver returned them) into `into`. */
export function addSums(
  into: DriftSums,
  row: Partial<Record<(typeof FIELDS)[number], unknown>>,
): DriftSums {
  for (const field of FIELDS) {
    const value = row[field];
    into[field] += value === null || value === undefined ? 0 : Number(value);
  }
  return into;
}

export function toDriftSummary(sums: DriftSums): DriftSummary {
  return {
    counts: sums.counts,
    systemUnits: sums.system_units,
    countedUnits: sums.counted_units,
    absoluteVarianceUnits: sums.absolute_variance,
    driftPercent: driftPercent(sums.absolute_variance, sums.system_units),
    ghostUnits: sums.ghost_units,
    foundUnits: sums.found_units,
    ghostValue: { costCents: sums.ghost_cost, retailCents: sums.ghost_retail },
    foundValue: { costCents: sums.found_cost, retailCents: sums.found_retail },
    missingCost: sums.missing_cost,
    missingPrice: sums.missing_price,
    reopenedCounts: sums.reopened,
  };
}

/** drift % = Σ |system − counted| / Σ system × 100, to 0.01; undefined when nothing was on the books. */
export function driftPercent(absoluteVarianceUnits: number, systemUnits: number): number | null {
  if (systemUnits <= 0) return null;
  return Math.round((absoluteVarianceUnits / systemUnits) * 10_000) / 100;
}
