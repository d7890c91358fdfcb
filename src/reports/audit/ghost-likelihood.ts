import type { GhostSignal } from './count-plan.js';

/**
 * How likely a level is to hold ghost units, from the signs the ledger shows. A heuristic:
 * each sign adds weight to a small base, capped at 1. Selling below zero is the plainest sign
 * (the till sold what the books said was gone, so the books were wrong somewhere), a fast
 * seller gone quiet the classic ghost; unexplained adjustments and ghosts at the last count
 * say the level has drifted before.
 */
export function ghostLikelihood(signals: readonly GhostSignal[]): number {
  let likelihood = BASE;
  for (const signal of signals) likelihood += WEIGHTS[signal];
  return Math.min(1, Math.round(likelihood * 100) / 100);
}

const BASE = 0.1;

const WEIGHTS: Record<GhostSignal, number> = {
  sold_below_zero: 0.3,
  no_sale_for_days: 0.3,
  unexplained_adjustments: 0.2,
  ghost_units_at_last_count: 0.2,
};

/**
 * Sales a steady seller would have made in a silence, or null when the silence is not
 * suspicious. A rate needs a few sales to stand on (`minSales`: one big sale is not a fast
 * seller); the silence must last `minSilentDays`, and at the rate before it at least
 * `minExpectedUnits` would have sold: three expected and none sold happens about 5% of the
 * time for steady sales (e^-3).
 */
export function silentSellerExpectation(
  sales: { units: number; events: number },
  activeDays: number,
  daysWithoutSale: number,
  thresholds: { minSales?: number; minSilentDays?: number; minExpectedUnits?: number } = {},
): { velocityPerDay: number; expectedUnits: number } | null {
  const { minSales = 3, minSilentDays = 2, minExpectedUnits = 3 } = thresholds;
  if (sales.events < minSales || activeDays < 1 || daysWithoutSale < minSilentDays) return null;

  const velocityPerDay = sales.units / activeDays;
  const expectedUnits = velocityPerDay * daysWithoutSale;
  return expectedUnits >= minExpectedUnits ? { velocityPerDay, expectedUnits } : null;
}
