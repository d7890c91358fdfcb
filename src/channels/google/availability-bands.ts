import type { LocalAvailability } from './local-inventory-row.js';

/**
 * Where quantity turns into a band. Google's own reading is 0 out of stock, 1-2 limited,
 * 3 or more in stock, and when availability and quantity disagree it takes the lower
 * (research/google.md §2), so a shop may raise the thresholds but gains nothing by lowering them.
 */
export interface AvailabilityThresholds {
  /** At or above this many units a store is in stock. */
  readonly inStockFrom: number;
  /** At or above this (and below `inStockFrom`) it is limited availability. */
  readonly limitedFrom: number;
}

export const googleAvailabilityThresholds: AvailabilityThresholds = Object.freeze({
  inStockFrom: 3,
  limitedFrom: 1,
});

export function availabilityFor(
  quantity: number,
  thresholds: AvailabilityThresholds = googleAvailabilityThresholds,
): LocalAvailability {
  if (quantity >= thresholds.inStockFrom) return 'IN_STOCK';
  if (quantity >= thresholds.limitedFrom) return 'LIMITED_AVAILABILITY';
  return 'OUT_OF_STOCK';
}
