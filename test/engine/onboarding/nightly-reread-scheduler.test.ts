import { describe, expect, it } from 'vitest';
import { NightlyRereadScheduler } from '../../../src/engine/onboarding/nightly-reread.js';

describe('the nightly re-read schedule', () => {
  it('runs later the same day when the hour is still ahead', () => {
    const delay = NightlyRereadScheduler.delayUntil(new Date('2026-03-02T01:30:00.000Z'), {
      hour: 7,
      minute: 15,
    });

    // 01:30 → 07:15 is 5 h 45 min.
    expect(delay).toBe((5 * 60 + 45) * 60_000);
  });

  it('runs the next day once the hour has passed, also across a month end', () => {
    const delay = NightlyRereadScheduler.delayUntil(new Date('2026-03-31T08:00:00.000Z'), {
      hour: 7,
      minute: 0,
    });

    // 08:00 on the 31st → 07:00 on 1 April: 23 h.
    expect(delay).toBe(23 * 60 * 60_000);
  });
});
