import type { LocalDay } from './local-day.js';

/**
 * A span during which the item had nothing sellable at the location. `until` is null while it
 * is still out of stock; the span then runs to `now`.
 */
export interface StockOutInterval {
  from: Date;
  until: Date | null;
}

/**
 * A local day flagged as out of stock. `outOfStockFraction` is the share of the day it was out
 * (0..1); left out, the whole day was.
 */
export interface StockOutDay {
  day: LocalDay;
  outOfStockFraction?: number;
}

/** What is known of an item's stock-outs at one location; either form, or both, may be given. */
export interface StockOutHistory {
  intervals?: readonly StockOutInterval[];
  days?: readonly StockOutDay[];
}
