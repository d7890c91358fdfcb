import type { LossObservation } from './risk-buffer.js';

/** One reconciled count line: what was counted and what the system held at that instant. */
export interface CountedLevel {
  counted: number;
  system: number;
}

/** A store's own loss figures from its counts, and whether they are enough to use. */
export interface StoreLossFigures {
  countedItems: number;
  minCountedItems: number;
  /** Σ max(0, system − counted) over the counted items. */
  ghostUnits: number;
  /** Net units the counted items sold at the store over the counted period. */
  unitsSold: number;
  /** ghost units / units sold; null with nothing sold. */
  shrinkRate: number | null;
  /** Mean and sample variance of max(0, system − counted) per counted item; null under 2. */
  ghostUnitsMean: number | null;
  ghostUnitsVariance: number | null;
  /** Sample variance of (counted − system) per counted item, both sides; null under 2. */
  countVariance: number | null;
  /** The figures risk mode takes, or null when too few items were counted (policy stands in). */
  observation: LossObservation | null;
}

/**
 * A store's observed shrink and count variance (see RISK_MODE.md, "The store's own figures"):
 * ghost units are max(0, system − counted) per counted item; the shrink rate is the ghost units
 * found per unit the counted items sold; the ghost-unit mean and variance feed G. Below
 * `minCountedItems` the counts describe too little of the store and the policy's figures stand.
 */
export function storeLossFigures(
  levels: readonly CountedLevel[],
  unitsSold: number,
  minCountedItems: number,
): StoreLossFigures {
  const ghosts = levels.map((level) => Math.max(0, level.system - level.counted));
  const variances = levels.map((level) => level.counted - level.system);
  const ghostUnits = ghosts.reduce((sum, units) => sum + units, 0);
  const ghostStats = meanAndVariance(ghosts);
  const countStats = meanAndVariance(variances);
  const shrinkRate = unitsSold > 0 ? Math.min(1, ghostUnits / unitsSold) : null;

  const observation: LossObservation | null =
    levels.length >= minCountedItems && ghostStats !== null
      ? {
          ...(shrinkRate === null ? {} : { shrinkRate }),
          ghostUnitsMean: ghostStats.mean,
          ghostUnitsVariance: ghostStats.variance,
        }
      : null;
  return {
    countedItems: levels.length,
    minCountedItems,
    ghostUnits,
    unitsSold,
    shrinkRate,
    ghostUnitsMean: ghostStats?.mean ?? null,
    ghostUnitsVariance: ghostStats?.variance ?? null,
    countVariance: countStats?.variance ?? null,
    observation,
  };
}

function meanAndVariance(values: readonly number[]): { mean: number; variance: number } | null {
  if (values.length < 2) return null;

  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return { mean, variance: squares / (values.length - 1) };
}
