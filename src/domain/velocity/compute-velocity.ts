import { countedDayRanges } from './counted-day-ranges.js';
import { defaultVelocity, formatRate } from './default-velocity.js';
import { describeCountedDays } from './describe-counted-days.js';
import type { LocalDay } from './local-day.js';
import { addLocalDays, listLocalDays } from './local-day.js';
import { isValidTimeZone, localDayOf } from './local-day-of.js';
import { outOfStockFractions } from './out-of-stock-fractions.js';
import type { AnySaleRecord } from './sale-record.js';
import type { VelocityDefaultReason, VelocityInput, VelocityResult } from './velocity.js';
import { VelocityError } from './velocity-error.js';

/**
 * Units per day of one item at one location over a trailing window of whole local days.
 *
 * Rules, in the order they apply:
 * - The window is the `windowDays` local days before the local day of `now`; today is still
 *   running, so counting it would make every item look slow in the morning.
 * - Days are calendar days in the location's time zone: a 23- or 25-hour DST day is one day.
 * - Days before the item was stocked there, or before the location's sales history begins, are
 *   not tracked: they count for nothing, neither as days nor as sales.
 * - Each tracked day counts as the share of it the item was in stock: a day out of stock all
 *   day is left out, a day out from noon counts as half.
 * - Units are sales net of refunds on every tracked day, out-of-stock days included (a POS can
 *   sell what the system thinks is gone); a refund counts on the day it happened. A net below
 *   zero counts as zero.
 * - With fewer counted days than `minCountedDays`, a default stands in (category average, else
 *   chain average, else the floor) and the result says which and why.
 * - The reason names the days that counted, not the window, and how many were left out and why.
 */
export function computeVelocity(input: VelocityInput): VelocityResult {
  const { timeZone, windowDays, defaults } = input;
  if (timeZone === null || timeZone === undefined || timeZone === '') {
    return { ok: false, reason: 'no_time_zone' };
  }
  if (!isValidTimeZone(timeZone)) return { ok: false, reason: 'invalid_time_zone', timeZone };
  assertSettings(windowDays, defaults.minCountedDays);

  const today = localDayOf(input.now, timeZone);
  const firstDay = addLocalDays(today, -windowDays);
  const lastDay = addLocalDays(today, -1);
  const trackedFrom = trackingStart(input, timeZone, firstDay);
  const trackedDays = listLocalDays(trackedFrom, lastDay);
  const shares = outOfStockFractions(trackedDays, input.stockOuts, timeZone, input.now);

  let inStockDays = 0;
  let daysExcludedOutOfStock = 0;
  let daysPartlyOutOfStock = 0;
  for (const share of shares.values()) {
    inStockDays += 1 - share;
    if (share >= 1) daysExcludedOutOfStock += 1;
    else if (share > 0) daysPartlyOutOfStock += 1;
  }
  // Shares like 1/3 leave float dust; without rounding, 7 days could read as 6.999999999.
  const daysCounted = Math.round(inStockDays * 1e9) / 1e9;

  const tally = tallySales(input, timeZone, trackedFrom, lastDay);
  const units = Math.max(0, tally.unitsSold - tally.unitsRefunded);
  const historyUnitsPerDay = daysCounted > 0 ? units / daysCounted : null;
  const daysNotTracked = windowDays - trackedDays.length;
  const common = {
    ok: true as const,
    historyUnitsPerDay,
    window: { firstDay, lastDay, timeZone },
    countedRanges: countedDayRanges(shares),
    daysInWindow: windowDays,
    daysNotTracked,
    daysCounted,
    daysLeftOut: daysNotTracked + daysExcludedOutOfStock,
    daysExcludedOutOfStock,
    daysPartlyOutOfStock,
    units,
    ...tally,
  };
  const evidence = describeCountedDays({ ...common, timeZone });

  if (historyUnitsPerDay !== null && daysCounted >= defaults.minCountedDays) {
    const reason = `${formatRate(historyUnitsPerDay)} from history: ${evidence}`;
    return {
      ...common,
      unitsPerDay: historyUnitsPerDay,
      source: 'history',
      defaultReason: null,
      reason,
    };
  }

  const defaultReason = whyNoHistory(input, trackedDays.length, timeZone);
  const stand = defaultVelocity(defaults);
  const reason =
    `${formatRate(stand.unitsPerDay)} from ${stand.description}: ${describe(defaultReason)}, ` +
    `${evidence}, fewer than the ${defaults.minCountedDays} counted days needed`;
  return { ...common, unitsPerDay: stand.unitsPerDay, source: stand.source, defaultReason, reason };
}

function assertSettings(windowDays: number, minCountedDays: number): void {
  if (!Number.isInteger(windowDays) || windowDays < 1) {
    throw new VelocityError(
      'invalid_window_days',
      `windowDays must be a whole number of days ≥ 1, got ${windowDays}`,
    );
  }
  if (!(minCountedDays >= 0 && minCountedDays <= windowDays)) {
    throw new VelocityError(
      'invalid_min_counted_days',
      `minCountedDays must lie within 0..windowDays (${windowDays}), got ${minCountedDays}`,
    );
  }
}

// The first tracked day: the later of the window's start and the local days history begins on.
function trackingStart(input: VelocityInput, timeZone: string, firstDay: LocalDay): LocalDay {
  let start = firstDay;
  for (const since of [input.locationSalesSince, input.itemStockedSince]) {
    if (!since) continue;
    const sinceDay = localDayOf(since, timeZone);
    if (sinceDay > start) start = sinceDay;
  }
  return start;
}

function tallySales(
  input: VelocityInput,
  timeZone: string,
  firstDay: LocalDay,
  lastDay: LocalDay,
): { unitsSold: number; unitsRefunded: number } {
  let unitsSold = 0;
  let unitsRefunded = 0;
  for (const sale of input.sales) {
    if (sale.itemId !== input.itemId || sale.locationId !== input.locationId) continue;
    const day = saleDay(sale, timeZone);
    if (day < firstDay || day > lastDay) continue;
    if (sale.quantity >= 0) unitsSold += sale.quantity;
    else unitsRefunded -= sale.quantity;
  }
  return { unitsSold, unitsRefunded };
}

function saleDay(sale: AnySaleRecord, timeZone: string): LocalDay {
  return 'localDay' in sale ? sale.localDay : localDayOf(sale.occurredAt, timeZone);
}

// Which kind of newness cut the tracked days short; if neither did, stock-outs did.
function whyNoHistory(
  input: VelocityInput,
  trackedDayCount: number,
  timeZone: string,
): VelocityDefaultReason {
  const enoughDays = trackedDayCount > 0 && trackedDayCount >= input.defaults.minCountedDays;
  if (enoughDays) return 'out_of_stock';

  const locationDay = input.locationSalesSince
    ? localDayOf(input.locationSalesSince, timeZone)
    : null;
  const itemDay = input.itemStockedSince ? localDayOf(input.itemStockedSince, timeZone) : null;
  if (itemDay !== null && (locationDay === null || itemDay > locationDay)) return 'new_item';
  return locationDay !== null ? 'new_location' : 'out_of_stock';
}

function describe(reason: VelocityDefaultReason): string {
  if (reason === 'new_location') return 'the location has little sales history';
  if (reason === 'new_item') return 'the item is new at this location';
  return 'the item was out of stock for most of the window';
}
