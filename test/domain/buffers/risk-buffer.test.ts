import { describe, expect, it } from 'vitest';

import type { RiskPolicy } from '../../../src/domain/buffers/buffer-policy-schema.js';
import { negativeBinomialPmf, poissonPmf } from '../../../src/domain/buffers/loss-distribution.js';
import { riskBuffer } from '../../../src/domain/buffers/risk-buffer.js';

function policy(overrides: Partial<RiskPolicy>): RiskPolicy {
  return {
    kind: 'risk',
    targetShortfallProbability: 0.02,
    syncDelaySeconds: 1800,
    orderToPickupSeconds: 12_600,
    ...overrides,
  };
}

describe('risk-mode buffers, against values worked by hand from the formula', () => {
  it('case 1: 6 units/day over 4 hours, no shrink or ghost units, holds 3 units at 2 %', () => {
    // W = (1800 + 12600) s / 86400 = 1/6 day; demand mean = 6 × 1/6 = 1; L ~ Poisson(1).
    // P(L=k) = e^-1 / k!: 0.367879, 0.367879, 0.183940, 0.061313, 0.015328
    // P(L≤k):              0.367879, 0.735759, 0.919699, 0.981012, 0.996340
    // P(L>2) = 0.080301 > 0.02;  P(L>3) = 1 − 0.981012 = 0.018988 ≤ 0.02  →  b = 3.
    const buffer = riskBuffer(6, policy({}));

    expect(buffer.windowDays).toBeCloseTo(1 / 6, 12);
    expect(buffer.demandMean).toBeCloseTo(1, 12);
    expect(buffer.ghostModel).toBe('none');
    expect(buffer.units).toBe(3);
    expect(buffer.shortfallProbability).toBeCloseTo(0.018988, 6);
  });

  it('case 1 at a 1 % target holds 4 units', () => {
    // P(L>3) = 0.018988 > 0.01;  P(L>4) = 1 − 0.996340 = 0.003660 ≤ 0.01  →  b = 4.
    const buffer = riskBuffer(6, policy({ targetShortfallProbability: 0.01 }));

    expect(buffer.units).toBe(4);
    expect(buffer.shortfallProbability).toBeCloseTo(0.00366, 5);
  });

  it('case 2: shrink and Poisson ghost units add to the demand mean', () => {
    // W = (600 + 21000) s / 86400 = 0.25 day; demand = 4 × 0.25 = 1; shrink = 1 × 0.2 = 0.2;
    // ghost units Poisson(0.3) (no variance given). L ~ Poisson(1 + 0.2 + 0.3) = Poisson(1.5).
    // P(L=k) = e^-1.5 × 1.5^k / k!: 0.223130, 0.334695, 0.251021, 0.125511, 0.047067
    // P(L≤k):                        0.223130, 0.557825, 0.808847, 0.934358, 0.981424
    // P(L>3) = 0.065642 > 0.02;  P(L>4) = 0.018576 ≤ 0.02  →  b = 4.
    const buffer = riskBuffer(4, policy({ syncDelaySeconds: 600, orderToPickupSeconds: 21_000 }), {
      shrinkRate: 0.2,
      ghostUnitsMean: 0.3,
    });

    expect(buffer.shrinkMean).toBeCloseTo(0.2, 12);
    expect(buffer.ghostModel).toBe('poisson');
    expect(buffer.units).toBe(4);
    expect(buffer.shortfallProbability).toBeCloseTo(0.018576, 6);
    expect(buffer.lossFrom).toEqual({ shrinkRate: 'observed', ghostUnits: 'observed' });
  });

  it('case 3: overdispersed ghost units (negative binomial) need a bigger buffer', () => {
    // W = (3600 + 18000) s / 86400 = 0.25 day; demand D ~ Poisson(2 × 0.25 = 0.5).
    // Ghost units G: mean 0.5, variance 1.0 > mean → NB, r = 0.5² / (1.0 − 0.5) = 0.5,
    // P(G=0) = (r/(r+m))^r = 0.5^0.5 = 0.707107; P(G=k) = P(G=k−1) × (k−1+r)/k × m/(r+m):
    // G: 0.707107, 0.176777, 0.066291, 0.027621, 0.012084
    // D: 0.606531, 0.303265, 0.075816, 0.012636, 0.001580
    // P(L=0) = .606531×.707107 = 0.428882
    // P(L=1) = .606531×.176777 + .303265×.707107 = 0.321661
    // P(L=2) = .606531×.066291 + .303265×.176777 + .075816×.707107 = 0.147428
    // P(L=3) = .606531×.027621 + .303265×.066291 + .075816×.176777 + .012636×.707107 = 0.059195
    // P(L=4) = .606531×.012084 + .303265×.027621 + .075816×.066291 + .012636×.176777
    //          + .001580×.707107 = 0.024083
    // P(L≤3) = 0.957166, P(L≤4) = 0.981249
    // At 2 %: P(L>3) = 0.042834 > 0.02; P(L>4) = 0.018751 ≤ 0.02 → b = 4.
    // At 5 %: P(L>2) = 0.102028 > 0.05; P(L>3) = 0.042834 ≤ 0.05 → b = 3.
    // With Poisson ghosts of the same mean, L ~ Poisson(1) and b = 3 at 2 % (case 1).
    const window = { syncDelaySeconds: 3600, orderToPickupSeconds: 18_000 };
    const ghosts = { ghostUnitsMean: 0.5, ghostUnitsVariance: 1.0 };

    const atTwo = riskBuffer(2, policy(window), ghosts);
    const atFive = riskBuffer(2, policy({ ...window, targetShortfallProbability: 0.05 }), ghosts);
    const poissonGhosts = riskBuffer(2, policy(window), { ghostUnitsMean: 0.5 });

    expect(atTwo.ghostModel).toBe('negative_binomial');
    expect(atTwo.units).toBe(4);
    expect(atTwo.shortfallProbability).toBeCloseTo(0.018751, 6);
    expect(atFive.units).toBe(3);
    expect(atFive.shortfallProbability).toBeCloseTo(0.042834, 6);
    expect(poissonGhosts.units).toBe(3);
  });

  it('reports the chance at the held buffer when a max cap breaks the target', () => {
    // Case 1 needs 3 units; capped at 2 the chance is P(L>2) = 0.080301.
    const buffer = riskBuffer(6, policy({ maxUnits: 2 }));

    expect(buffer.uncappedUnits).toBe(3);
    expect(buffer.units).toBe(2);
    expect(buffer.capApplied).toBe('max');
    expect(buffer.shortfallProbability).toBeCloseTo(0.080301, 6);
  });

  it('falls back to the policy figures when the store has no observation', () => {
    const buffer = riskBuffer(4, policy({ shrinkRate: 0.2, ghostUnitsMean: 0.3 }));

    expect(buffer.lossFrom).toEqual({ shrinkRate: 'policy', ghostUnits: 'policy' });
    expect(buffer.shrinkRate).toBe(0.2);
  });

  it('holds nothing for an item that does not sell and has no ghost units', () => {
    expect(riskBuffer(0, policy({})).units).toBe(0);
  });
});

describe('loss distributions', () => {
  it('keeps a large Poisson mean from underflowing', () => {
    // e^-1000 underflows to 0 in doubles; worked in logs the mass still sums to 1 near 1000.
    const pmf = poissonPmf(1000);
    const total = pmf.reduce((sum, p) => sum + p, 0);
    const mean = pmf.reduce((sum, p, k) => sum + p * k, 0);

    expect(total).toBeCloseTo(1, 9);
    expect(mean).toBeCloseTo(1000, 6);
  });

  it('gives a negative binomial its mean and variance', () => {
    const pmf = negativeBinomialPmf(2, 6);
    const mean = pmf.reduce((sum, p, k) => sum + p * k, 0);
    const variance = pmf.reduce((sum, p, k) => sum + p * (k - mean) ** 2, 0);

    expect(mean).toBeCloseTo(2, 8);
    expect(variance).toBeCloseTo(6, 6);
  });
});
