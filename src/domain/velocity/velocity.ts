import type { LocalDayRange } from './counted-day-ranges.js';
import type { LocalDay } from './local-day.js';
import type { AnySaleRecord } from './sale-record.js';
import type { StockOutHistory } from './stock-out.js';

/** Where a velocity number came from: the item's own sales, or the default that stood in. */
export type VelocitySource = 'history' | 'category_default' | 'chain_default' | 'floor';

/** Why the item's own history was not enough: too few counted days, and what cut them short. */
export type VelocityDefaultReason = 'new_location' | 'new_item' | 'out_of_stock';

/**
 * The stand-ins for an item without enough history, tried in order: the category average,
 * then the chain average, then the floor. `minCountedDays` is the least in-stock time (in days)
 * that counts as history.
 */
export interface VelocityDefaults {
  minCountedDays: number;
  categoryAverageUnitsPerDay?: number | null;
  chainAverageUnitsPerDay?: number | null;
  floorUnitsPerDay: number;
}

/** Plain data for one item at one location; records for other items or locations are ignored. */
export interface VelocityInput {
  itemId: string;
  locationId: string;
  /** The location's IANA time zone from the registry; without one there is no velocity. */
  timeZone: string | null | undefined;
  sales: readonly AnySaleRecord[];
  stockOuts?: StockOutHistory;
  /** How many whole local days the trailing window holds (today, still running, is not one). */
  windowDays: number;
  now: Date;
  /** The first instant whose sales trueshelf holds for the location (install or first import). */
  locationSalesSince?: Date | null;
  /** When the item was first stocked at the location. */
  itemStockedSince?: Date | null;
  defaults: VelocityDefaults;
}

/** The trailing window as local days, both included, in the location's time zone. */
export interface VelocityWindow {
  firstDay: LocalDay;
  lastDay: LocalDay;
  timeZone: string;
}

/** A computed velocity and everything needed to explain it. */
export interface Velocity {
  ok: true;
  unitsPerDay: number;
  source: VelocitySource;
  /** Null when the item's own history was used. */
  defaultReason: VelocityDefaultReason | null;
  /** One sentence for a person: the number, where it came from, and why. */
  reason: string;
  /** Units over counted days, whether or not it was enough to use; null with no counted time. */
  historyUnitsPerDay: number | null;
  window: VelocityWindow;
  /** The days that counted, as runs of consecutive local days; empty when none did. */
  countedRanges: LocalDayRange[];
  daysInWindow: number;
  /** Window days before the item or the location had history (not stock-outs). */
  daysNotTracked: number;
  /** Window days that did not count at all: before history, or out of stock all day. */
  daysLeftOut: number;
  /** In-stock time over tracked days, in days: a day half out of stock adds 0.5. */
  daysCounted: number;
  /** Tracked days out of stock all day. */
  daysExcludedOutOfStock: number;
  /** Tracked days out of stock for part of the day; each adds its in-stock share. */
  daysPartlyOutOfStock: number;
  /** Units sold net of refunds over the tracked days, never below zero. */
  units: number;
  unitsSold: number;
  unitsRefunded: number;
}

export type VelocityResult =
  | Velocity
  | { ok: false; reason: 'no_time_zone' }
  | { ok: false; reason: 'invalid_time_zone'; timeZone: string };
