import { describe, expect, it } from 'vitest';

import { applyChannelPolicy } from '../../../src/domain/buffers/channel-policy.js';

describe('channel policy', () => {
  it.each([
    // sellable, zero at or below, max shown → shown, step
    [0, 2, 10, 0, null],
    [1, 2, 10, 0, 'zero_at_or_below'],
    [2, 2, 10, 0, 'zero_at_or_below'],
    [3, 2, 10, 3, null],
    [12, 2, 10, 10, 'max_shown'],
    [5, 2, 1, 1, 'max_shown'], // the threshold is judged on sellable, then the cap applies
    [-3, undefined, undefined, 0, null], // a negative never shows
    [7, undefined, undefined, 7, null],
  ] as const)(
    'sellable %s with zero at or below %s and cap %s shows %s',
    (sellable, zeroAtOrBelow, maxShown, shown, step) => {
      const result = applyChannelPolicy(sellable, { zeroAtOrBelow, maxShown });

      expect(result.shown).toBe(shown);
      expect(result.applied).toBe(step);
    },
  );
});
