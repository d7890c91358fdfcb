import type { LocalDay } from './local-day.js';
import { addLocalDays } from './local-day.js';

/** A run of consecutive local days, both ends included. */
export interface LocalDayRange {
  firstDay: LocalDay;
  lastDay: LocalDay;
}

/**
 * The days that counted toward a velocity, as runs of consecutive days: each tracked day with
 * some in-stock time (an out-of-stock share below 1), in calendar order. A day out of stock all
 * day breaks a run; a day partly out of stock stays in it.
 */
export function countedDayRanges(outOfStockShares: ReadonlyMap<LocalDay, number>): LocalDayRange[] {
  const days = [...outOfStockShares.entries()]
    .filter(([, share]) => share < 1)
    .map(([day]) => day)
    .sort();

  const ranges: LocalDayRange[] = [];
  for (const day of days) {
    const last = ranges[ranges.length - 1];
    if (last && addLocalDays(last.lastDay, 1) === day) last.lastDay = day;
    else ranges.push({ firstDay: day, lastDay: day });
  }
  return ranges;
}
