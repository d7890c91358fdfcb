import type { SalesMatrix } from './load-sales-matrix.js';
import type { ReplenishmentSettings } from './simulation-options.js';

/**
 * S per level on a review day: days of cover of the planner's forecast, at least `minUnits`.
 * M5 carries no stock or orders, so S stands for what a buyer would set from the item's sales:
 * the mean of the `forecastDays` before the review, or of the first `forecastDays` while the
 * run is younger (the only look-ahead in the simulator, so the first weeks are not starved).
 */
export function orderUpToLevels(
  matrix: SalesMatrix,
  settings: ReplenishmentSettings,
  day: number,
  into: Int32Array = new Int32Array(matrix.levelCount),
): Int32Array {
  const dayCount = matrix.days.length;
  const span = Math.min(settings.forecastDays, dayCount);
  const from = day >= span ? day - span : 0;
  const to = from + span;
  const { levelCount, units } = matrix;
  into.fill(0);
  for (let past = from; past < to; past += 1) {
    const row = past * levelCount;
    for (let level = 0; level < levelCount; level += 1) into[level]! += units[row + level]!;
  }
  for (let level = 0; level < levelCount; level += 1) {
    const cover = Math.ceil((into[level]! / span) * settings.orderUpToDaysOfCover - 1e-9);
    into[level] = Math.max(settings.minOrderUpToUnits, cover);
  }
  return into;
}
