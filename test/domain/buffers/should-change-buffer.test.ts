import { describe, expect, it } from 'vitest';

import { bufferRuleKey } from '../../../src/domain/buffers/buffer-rule-key.js';
import type { BufferBasis } from '../../../src/domain/buffers/should-change-buffer.js';
import { shouldChangeBuffer } from '../../../src/domain/buffers/should-change-buffer.js';

const policy = { minUnitsChange: 1, minVelocityChangePercent: 20 };
const current: BufferBasis = { bufferUnits: 4, unitsPerDay: 5, ruleKey: 'chain' };

describe('buffer hysteresis', () => {
  it('sets the first buffer', () => {
    expect(shouldChangeBuffer(null, current, policy)).toMatchObject({
      change: true,
      reason: 'first_buffer',
    });
  });

  it('keeps the buffer when velocity moved 10 %, under the 20 % threshold', () => {
    // |5.5 − 5| / 5 = 10 %.
    const decision = shouldChangeBuffer(
      current,
      { ...current, bufferUnits: 5, unitsPerDay: 5.5 },
      policy,
    );

    expect(decision).toMatchObject({ change: false, reason: 'velocity_steady' });
    expect(decision.velocityChangePercent).toBeCloseTo(10, 9);
  });

  it('keeps the buffer at exactly 20 %, and changes it past that', () => {
    // |6 − 5| / 5 = 20 %: not more than 20 %. |6.05 − 5| / 5 = 21 %.
    expect(
      shouldChangeBuffer(current, { ...current, bufferUnits: 5, unitsPerDay: 6 }, policy).change,
    ).toBe(false);
    expect(
      shouldChangeBuffer(current, { ...current, bufferUnits: 5, unitsPerDay: 6.05 }, policy),
    ).toMatchObject({
      change: true,
      reason: 'velocity_moved',
    });
  });

  it('measures drift from the velocity the buffer was set at, so slow drift adds up', () => {
    // Three runs each 8 % above the last: 5 → 5.4 → 5.832 → 6.29856 is 25.97 % above 5.
    expect(
      shouldChangeBuffer(current, { ...current, bufferUnits: 5, unitsPerDay: 6.29856 }, policy)
        .change,
    ).toBe(true);
  });

  it('keeps a buffer whose change is under the unit threshold, however far velocity moved', () => {
    const wide = { minUnitsChange: 2, minVelocityChangePercent: 20 };
    const decision = shouldChangeBuffer(
      current,
      { ...current, bufferUnits: 5, unitsPerDay: 50 },
      wide,
    );

    expect(decision).toMatchObject({ change: false, reason: 'below_unit_threshold' });
  });

  it('keeps the same number whatever else moved', () => {
    expect(shouldChangeBuffer(current, { ...current, unitsPerDay: 50 }, policy)).toMatchObject({
      change: false,
      reason: 'same_buffer',
    });
  });

  it('changes at once when the rule or its settings changed', () => {
    const decision = shouldChangeBuffer(
      current,
      { bufferUnits: 5, unitsPerDay: 5, ruleKey: 'item:JACKET' },
      policy,
    );

    expect(decision).toMatchObject({ change: true, reason: 'rule_changed' });
  });

  it('treats any rise from zero velocity as a move', () => {
    const idle: BufferBasis = { bufferUnits: 0, unitsPerDay: 0, ruleKey: 'chain' };
    expect(
      shouldChangeBuffer(idle, { ...idle, bufferUnits: 1, unitsPerDay: 0.3 }, policy),
    ).toMatchObject({
      change: true,
      reason: 'velocity_moved',
    });
  });

  it('gives equal policies written in a different order the same rule key', () => {
    const a = bufferRuleKey({
      scope: 'item',
      id: 'x',
      policy: { kind: 'tiered', minUnits: 1, bands: [{ fromUnitsPerDay: 0, bufferUnits: 1 }] },
    });
    const b = bufferRuleKey({
      scope: 'item',
      id: 'x',
      policy: { bands: [{ bufferUnits: 1, fromUnitsPerDay: 0 }], kind: 'tiered', minUnits: 1 },
    });
    const c = bufferRuleKey({
      scope: 'item',
      id: 'x',
      policy: { kind: 'tiered', minUnits: 2, bands: [{ fromUnitsPerDay: 0, bufferUnits: 1 }] },
    });

    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
