import { formatQuantity } from './default-velocity.js';
import type { LocalDayRange } from './counted-day-ranges.js';

export interface CountedDaysFacts {
  units: number;
  daysCounted: number;
  countedRanges: readonly LocalDayRange[];
  timeZone: string;
  daysInWindow: number;
  daysNotTracked: number;
  daysExcludedOutOfStock: number;
  daysPartlyOutOfStock: number;
}

/** Past this many runs the days are named by their first and last, and the count of runs. */
const RANGES_NAMED = 3;

/**
 * The evidence behind a velocity, naming the days that counted rather than the window: a
 * window of 30 days of which 21 came before the store's history began names the 9 that
 * counted, and says how many were left out and why.
 * "12 units net of refunds over 9 counted days (2026-11-22..2026-11-30, Australia/Brisbane;
 * 21 of the window's 30 days left out: 21 before history)".
 */
export function describeCountedDays(facts: CountedDaysFacts): string {
  const where = [describeRanges(facts.countedRanges), facts.timeZone].filter(Boolean).join(', ');
  const notes = [where, leftOut(facts), partly(facts)].filter(Boolean).join('; ');

  return (
    `${formatQuantity(facts.units)} units net of refunds over ` +
    `${formatQuantity(facts.daysCounted)} counted days (${notes})`
  );
}

function describeRanges(ranges: readonly LocalDayRange[]): string {
  const text = (range: LocalDayRange) =>
    range.firstDay === range.lastDay ? range.firstDay : `${range.firstDay}..${range.lastDay}`;
  if (ranges.length <= RANGES_NAMED) return ranges.map(text).join(', ');

  const first = ranges[0]!;
  const last = ranges[ranges.length - 1]!;
  return `${first.firstDay}..${last.lastDay} in ${ranges.length} runs`;
}

function leftOut(facts: CountedDaysFacts): string {
  const count = facts.daysNotTracked + facts.daysExcludedOutOfStock;
  if (count === 0) return '';

  const why = [
    facts.daysNotTracked > 0 ? `${facts.daysNotTracked} before history` : '',
    facts.daysExcludedOutOfStock > 0 ? `${facts.daysExcludedOutOfStock} out of stock` : '',
  ].filter(Boolean);
  const share = count === facts.daysInWindow ? 'all' : `${count} of the window's`;
  return `${share} ${facts.daysInWindow} days left out: ${why.join(', ')}`;
}

function partly(facts: CountedDaysFacts): string {
  const count = facts.daysPartlyOutOfStock;
  if (count === 0) return '';
  return `${count} day${count === 1 ? '' : 's'} partly out of stock, counted in part`;
}
