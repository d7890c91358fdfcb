import { applyCaps, ceilUnits } from './apply-caps.js';
import type { TieredBand, TieredPolicy } from './buffer-policy-schema.js';
import { BufferError } from './buffer-error.js';

/** A tiered buffer with the band that produced it and each step of the arithmetic. */
export interface TieredBuffer {
  units: number;
  band: TieredBand;
  /** ceil(velocity × daysOfCover), or null when the band gives no days of cover. */
  coverUnits: number | null;
  uncappedUnits: number;
  capApplied: 'min' | 'max' | null;
}

/**
 * The band is the last one starting at or below the velocity (bands are validated to start
 * at 0 and rise). Its buffer is max(bufferUnits, ceil(velocity × daysOfCover)), then the caps.
 */
export function tieredBuffer(unitsPerDay: number, policy: TieredPolicy): TieredBuffer {
  if (!Number.isFinite(unitsPerDay) || unitsPerDay < 0) {
    throw new BufferError(
      'invalid_velocity',
      `velocity must be a finite number ≥ 0, got ${unitsPerDay}`,
    );
  }

  let band = policy.bands[0];
  for (const candidate of policy.bands) {
    if (candidate.fromUnitsPerDay <= unitsPerDay) band = candidate;
  }
  if (!band) throw new BufferError('invalid_policy', 'a tiered policy needs at least one band');

  const coverUnits =
    band.daysOfCover === undefined ? null : ceilUnits(unitsPerDay * band.daysOfCover);
  const uncappedUnits = Math.max(band.bufferUnits, coverUnits ?? 0);
  const capped = applyCaps(uncappedUnits, policy);
  return { units: capped.units, band, coverUnits, uncappedUnits, capApplied: capped.capApplied };
}
