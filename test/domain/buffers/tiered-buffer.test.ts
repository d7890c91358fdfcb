import { describe, expect, it } from 'vitest';

import type { TieredPolicy } from '../../../src/domain/buffers/buffer-policy-schema.js';
import { BufferError } from '../../../src/domain/buffers/buffer-error.js';
import { tieredBuffer } from '../../../src/domain/buffers/tiered-buffer.js';

const policy: TieredPolicy = {
  kind: 'tiered',
  bands: [
    { fromUnitsPerDay: 0, bufferUnits: 0 },
    { fromUnitsPerDay: 0.5, bufferUnits: 1 },
    { fromUnitsPerDay: 2, bufferUnits: 2, daysOfCover: 1.5 },
    { fromUnitsPerDay: 10, bufferUnits: 5, daysOfCover: 1 },
  ],
  minUnits: 1,
  maxUnits: 8,
};

describe('tiered buffers', () => {
  it.each([
    // velocity, band start, cover units, uncapped, held, cap
    [0.2, 0, null, 0, 1, 'min'], // band 0 gives 0; raised to the minimum of 1
    [0.5, 0.5, null, 1, 1, null], // a band starts at its own bound
    [1.99, 0.5, null, 1, 1, null],
    [2, 2, 3, 3, 3, null], // max(2, ceil(2 × 1.5 = 3)) = 3
    [3, 2, 5, 5, 5, null], // max(2, ceil(3 × 1.5 = 4.5)) = 5
    [9, 2, 14, 14, 8, 'max'], // max(2, ceil(13.5)) = 14, cut to 8
    [10, 10, 10, 10, 8, 'max'], // max(5, ceil(10 × 1)) = 10, cut to 8
  ] as const)(
    'at %s units/day uses the band from %s and holds %s → %s → %s units',
    (velocity, bandFrom, coverUnits, uncapped, held, cap) => {
      const buffer = tieredBuffer(velocity, policy);

      expect(buffer.band.fromUnitsPerDay).toBe(bandFrom);
      expect(buffer.coverUnits).toBe(coverUnits);
      expect(buffer.uncappedUnits).toBe(uncapped);
      expect(buffer.units).toBe(held);
      expect(buffer.capApplied).toBe(cap);
    },
  );

  it('does not round float dust up to an extra unit', () => {
    // 0.7 × 10 = 7.000000000000001 in floating point; the cover is 7 units, not 8.
    const cover: TieredPolicy = {
      kind: 'tiered',
      bands: [{ fromUnitsPerDay: 0, bufferUnits: 0, daysOfCover: 10 }],
    };
    expect(tieredBuffer(0.7, cover).units).toBe(7);
  });

  it('refuses a negative velocity', () => {
    expect(() => tieredBuffer(-1, policy)).toThrow(BufferError);
  });
});
