import type { LocalDay } from './local-day.js';
import { addLocalDays } from './local-day.js';
import { startOfLocalDay } from './local-day-of.js';
import type { StockOutHistory, StockOutInterval } from './stock-out.js';

/**
 * The share of each local day (0..1) the item was out of stock, from intervals measured against
 * the day's real length (23, 24 or 25 hours) and from per-day flags. Where both speak of a day,
 * the larger share wins: the two sources describe the same stock-out, not two of them.
 */
export function outOfStockFractions(
  days: readonly LocalDay[],
  history: StockOutHistory | undefined,
  timeZone: string,
  now: Date,
): Map<LocalDay, number> {
  const fractions = new Map<LocalDay, number>(days.map((day) => [day, 0]));

  for (const flag of history?.days ?? []) {
    if (!fractions.has(flag.day)) continue;
    const share = clampShare(flag.outOfStockFraction ?? 1);
    fractions.set(flag.day, Math.max(fractions.get(flag.day)!, share));
  }

  const intervals = history?.intervals ?? [];
  if (intervals.length === 0) return fractions;

  for (const day of days) {
    const start = startOfLocalDay(day, timeZone).getTime();
    const end = startOfLocalDay(addLocalDays(day, 1), timeZone).getTime();
    const share = end > start ? coveredMs(intervals, start, end, now) / (end - start) : 0;
    fractions.set(day, Math.max(fractions.get(day)!, clampShare(share)));
  }
  return fractions;
}

// Length of the union of the intervals inside [start, end): overlapping intervals count once.
function coveredMs(
  intervals: readonly StockOutInterval[],
  start: number,
  end: number,
  now: Date,
): number {
  const clipped = intervals
    .map((interval) => ({
      from: Math.max(interval.from.getTime(), start),
      until: Math.min((interval.until ?? now).getTime(), end),
    }))
    .filter((span) => span.until > span.from)
    .sort((a, b) => a.from - b.from);

  let covered = 0;
  let reach = start;
  for (const span of clipped) {
    const from = Math.max(span.from, reach);
    if (span.until > from) covered += span.until - from;
    reach = Math.max(reach, span.until);
  }
  return covered;
}

function clampShare(share: number): number {
  if (!Number.isFinite(share)) return 0;
  return Math.min(1, Math.max(0, share));
}
