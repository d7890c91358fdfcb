/** A buffer after its policy's minimum and maximum, and which one bit. */
export interface CappedUnits {
  units: number;
  capApplied: 'min' | 'max' | null;
}

/** Holds `units` within [minUnits, maxUnits]; a missing cap does not bind. */
export function applyCaps(
  units: number,
  caps: { minUnits?: number; maxUnits?: number },
): CappedUnits {
  if (caps.maxUnits !== undefined && units > caps.maxUnits)
    return { units: caps.maxUnits, capApplied: 'max' };
  if (caps.minUnits !== undefined && units < caps.minUnits)
    return { units: caps.minUnits, capApplied: 'min' };
  return { units, capApplied: null };
}

/**
 * ceil() that ignores float dust: 0.7 × 10 is 7.000000000000001 in binary floating point, and
 * plain Math.ceil would hold back an eighth unit for it.
 */
export function ceilUnits(value: number): number {
  return Math.max(0, Math.ceil(value - 1e-9));
}
