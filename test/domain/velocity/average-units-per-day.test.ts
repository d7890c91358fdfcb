import { describe, expect, it } from 'vitest';

import { averageUnitsPerDay } from '../../../src/domain/velocity/average-units-per-day.js';
import type { Velocity, VelocityResult } from '../../../src/domain/velocity/velocity.js';

function velocity(units: number, daysCounted: number, source: Velocity['source']): VelocityResult {
  return {
    ok: true,
    unitsPerDay: units / daysCounted,
    source,
    defaultReason: source === 'history' ? null : 'new_item',
    reason: '',
    historyUnitsPerDay: units / daysCounted,
    window: { firstDay: '2026-03-03', lastDay: '2026-03-09', timeZone: 'Australia/Brisbane' },
    countedRanges: [{ firstDay: '2026-03-03', lastDay: '2026-03-09' }],
    daysInWindow: 7,
    daysNotTracked: 0,
    daysLeftOut: 0,
    daysCounted,
    daysExcludedOutOfStock: 0,
    daysPartlyOutOfStock: 0,
    units,
    unitsSold: units,
    unitsRefunded: 0,
  };
}

describe('average velocity of a group', () => {
  it('pools units over counted days and leaves out defaults and failures', () => {
    // (14 + 6) / (7 + 3) = 2; the default (100 over 1) and the missing zone are ignored.
    const results: VelocityResult[] = [
      velocity(14, 7, 'history'),
      velocity(6, 3, 'history'),
      velocity(100, 1, 'category_default'),
      { ok: false, reason: 'no_time_zone' },
    ];
    expect(averageUnitsPerDay(results)).toBe(2);
  });

  it('has no average when no member has history', () => {
    expect(averageUnitsPerDay([velocity(3, 1, 'floor')])).toBeNull();
  });
});
