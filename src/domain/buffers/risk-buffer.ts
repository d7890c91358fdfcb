import { applyCaps } from './apply-caps.js';
import type { RiskPolicy } from './buffer-policy-schema.js';
import { BufferError } from './buffer-error.js';
import {
  convolve,
  negativeBinomialPmf,
  poissonPmf,
  smallestCoveringUnits,
  tailAbove,
} from './loss-distribution.js';

const SECONDS_PER_DAY = 86_400;

/**
 * What a store's own counts and losses show. `shrinkRate` is units lost per unit sold (0.016
 * for 1.6 %); `ghostUnitsMean` and `ghostUnitsVariance` describe ghost units per counted level,
 * max(0, system − counted), over the store's recent cycle counts.
 */
export interface LossObservation {
  shrinkRate?: number;
  ghostUnitsMean?: number;
  ghostUnitsVariance?: number;
}

export type GhostUnitsModel = 'none' | 'poisson' | 'negative_binomial';

/** A risk-mode buffer with every figure that went into it. */
export interface RiskBuffer {
  units: number;
  uncappedUnits: number;
  capApplied: 'min' | 'max' | null;
  windowDays: number;
  demandMean: number;
  shrinkRate: number;
  shrinkMean: number;
  ghostUnitsMean: number;
  ghostUnitsVariance: number | null;
  ghostModel: GhostUnitsModel;
  lossFrom: { shrinkRate: 'observed' | 'policy'; ghostUnits: 'observed' | 'policy' };
  targetShortfallProbability: number;
  /** P(loss > units) at the buffer actually held, caps included. */
  shortfallProbability: number;
}

/**
 * Risk mode: the smallest buffer b with P(L > b) ≤ target, where L is what leaves or was never
 * on the shelf while a pickup promise is open.
 *
 * - Exposure window W (days) = (syncDelaySeconds + orderToPickupSeconds) / 86 400: the web may
 *   promise units sold at the till up to a sync delay ago, and the promise stays open until
 *   pickup.
 * - Demand D ~ Poisson(v × W) for velocity v: sales at the till and on other channels arrive
 *   independently at a steady rate within the window.
 * - Shrink S ~ Poisson(s × v × W): theft and misplacement in proportion to sales, at shrink
 *   rate s (units lost per unit sold), independent of D; so D + S ~ Poisson(v × W × (1 + s)).
 * - Ghost units G: units the record shows that are not on the shelf, with the mean m and
 *   variance σ² seen in the store's cycle counts (only system > counted; units the record
 *   misses are not counted on, which errs on the safe side). With σ² > m, G is negative
 *   binomial with shape r = m² / (σ² − m) (levels differ in how wrong they are); with σ² ≤ m
 *   or σ² unknown, G ~ Poisson(m); with m = 0 there is no G.
 * - L = D + S + G, G independent of the rest; its distribution is the exact convolution, and b
 *   is read off its cumulative distribution. The caps apply last, and the probability at the
 *   held buffer is reported, so a max cap that breaks the target shows.
 * - Figures from the store's observation win; the policy's stand in where the store has none.
 */
export function riskBuffer(
  unitsPerDay: number,
  policy: RiskPolicy,
  observed: LossObservation | null = null,
): RiskBuffer {
  if (!Number.isFinite(unitsPerDay) || unitsPerDay < 0) {
    throw new BufferError(
      'invalid_velocity',
      `velocity must be a finite number ≥ 0, got ${unitsPerDay}`,
    );
  }

  const windowDays = (policy.syncDelaySeconds + policy.orderToPickupSeconds) / SECONDS_PER_DAY;
  const shrinkRate = observed?.shrinkRate ?? policy.shrinkRate ?? 0;
  const ghostObserved = observed?.ghostUnitsMean !== undefined;
  const ghostUnitsMean = (ghostObserved ? observed?.ghostUnitsMean : policy.ghostUnitsMean) ?? 0;
  const ghostUnitsVariance =
    (ghostObserved ? observed?.ghostUnitsVariance : policy.ghostUnitsVariance) ?? null;
  const demandMean = unitsPerDay * windowDays;
  const shrinkMean = demandMean * shrinkRate;

  const ghostModel = chooseGhostModel(ghostUnitsMean, ghostUnitsVariance);
  const ghost =
    ghostModel === 'none'
      ? [1]
      : ghostModel === 'poisson'
        ? poissonPmf(ghostUnitsMean)
        : negativeBinomialPmf(ghostUnitsMean, ghostUnitsVariance!);
  const loss = convolve(poissonPmf(demandMean + shrinkMean), ghost);

  const covering = smallestCoveringUnits(loss, policy.targetShortfallProbability);
  const capped = applyCaps(covering.units, policy);
  return {
    units: capped.units,
    uncappedUnits: covering.units,
    capApplied: capped.capApplied,
    windowDays,
    demandMean,
    shrinkRate,
    shrinkMean,
    ghostUnitsMean,
    ghostUnitsVariance,
    ghostModel,
    lossFrom: {
      shrinkRate: observed?.shrinkRate !== undefined ? 'observed' : 'policy',
      ghostUnits: ghostObserved ? 'observed' : 'policy',
    },
    targetShortfallProbability: policy.targetShortfallProbability,
    shortfallProbability: tailAbove(loss, capped.units),
  };
}

function chooseGhostModel(mean: number, variance: number | null): GhostUnitsModel {
  if (mean <= 0) return 'none';
  return variance !== null && variance > mean ? 'negative_binomial' : 'poisson';
}
