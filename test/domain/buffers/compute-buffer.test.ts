import { describe, expect, it } from 'vitest';

import { computeBuffer } from '../../../src/domain/buffers/compute-buffer.js';
import { rulesFrom } from './rules-fixture.js';

const rules = rulesFrom({
  version: 1,
  chainDefault: {
    policy: {
      kind: 'tiered',
      bands: [
        { fromUnitsPerDay: 0, bufferUnits: 0 },
        { fromUnitsPerDay: 2, bufferUnits: 2, daysOfCover: 1.5 },
      ],
      maxUnits: 6,
    },
  },
  rules: [
    { scope: 'item', id: 'gift-card', item: 'GIFT', policy: { kind: 'fixed', units: 0 } },
    {
      scope: 'location',
      location: 'flagship',
      policy: {
        kind: 'risk',
        targetShortfallProbability: 0.02,
        syncDelaySeconds: 1800,
        orderToPickupSeconds: 12_600,
      },
    },
  ],
});

describe('computing a buffer', () => {
  it('explains a tiered buffer: the rule, the band and the arithmetic', () => {
    // 3 units/day in the band from 2: max(2, ceil(3 × 1.5 = 4.5)) = 5, under the cap of 6.
    const decision = computeBuffer({
      rules,
      target: { item: 'TEE', location: 'store-7', category: 'tops' },
      velocity: { unitsPerDay: 3, source: 'history' },
    });

    expect(decision).toMatchObject({
      ok: true,
      bufferUnits: 5,
      explanation: {
        rule: { scope: 'chain', id: 'chain' },
        inputs: {
          velocity: { unitsPerDay: 3, source: 'history' },
          tiered: { uncappedUnits: 5, capApplied: null },
        },
      },
    });
    expect(decision.explanation.reason).toContain('max(2, ceil(3 × 1.5 days of cover)) = 5 units');
  });

  it('explains a capped tiered buffer', () => {
    // max(2, ceil(5 × 1.5 = 7.5)) = 8, cut to 6.
    const decision = computeBuffer({
      rules,
      target: { item: 'TEE', location: 'store-7', category: null },
      velocity: { unitsPerDay: 5, source: 'category_default' },
    });

    expect(decision).toMatchObject({ ok: true, bufferUnits: 6 });
    expect(decision.explanation.reason).toContain('= 8 units, cut to the maximum of 6');
    expect(decision.explanation.reason).toContain('(category_default)');
  });

  it('uses risk mode where the location rule says so', () => {
    // Case 1 of the risk tests: 6 units/day over 4 hours, Poisson(1), 3 units at 2 %.
    const decision = computeBuffer({
      rules,
      target: { item: 'TEE', location: 'flagship', category: null },
      velocity: { unitsPerDay: 6, source: 'history' },
    });

    expect(decision).toMatchObject({
      ok: true,
      bufferUnits: 3,
      explanation: { rule: { scope: 'location', id: 'location:flagship' } },
    });
    expect(decision.explanation.inputs.risk?.uncappedUnits).toBe(3);
  });

  it('applies a fixed rule without a velocity', () => {
    const decision = computeBuffer({
      rules,
      target: { item: 'GIFT', location: 'flagship', category: null },
      velocity: null,
    });

    expect(decision).toMatchObject({
      ok: true,
      bufferUnits: 0,
      explanation: { rule: { scope: 'item', id: 'gift-card' } },
    });
  });

  it('says so when a velocity policy has no velocity to work from', () => {
    const decision = computeBuffer({
      rules,
      target: { item: 'TEE', location: 'store-7', category: null },
      velocity: null,
    });

    expect(decision).toMatchObject({
      ok: false,
      reason: 'velocity_unavailable',
      explanation: { rule: { scope: 'chain' } },
    });
  });

  it('changes the rule key when the matched rule changes', () => {
    const target = { item: 'TEE', location: 'store-7', category: null };
    const velocity = { unitsPerDay: 3, source: 'history' as const };
    const before = computeBuffer({ rules, target, velocity });
    const edited = rulesFrom({ version: 1, chainDefault: { policy: { kind: 'fixed', units: 5 } } });
    const after = computeBuffer({ rules: edited, target, velocity });

    expect(after.ruleKey).not.toBe(before.ruleKey);
  });
});
