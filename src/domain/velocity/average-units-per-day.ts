import type { VelocityResult } from './velocity.js';

/**
 * The pooled velocity of a group (a category, the chain) from its members' own histories:
 * Σ units / Σ counted days. Pooling weights an item by the time it was in stock, so one item
 * seen for two days cannot swing the average. Defaults are left out, or a default would feed
 * on itself. Null when no member has history.
 */
export function averageUnitsPerDay(results: readonly VelocityResult[]): number | null {
  let units = 0;
  let days = 0;
  for (const result of results) {
    if (!result.ok || result.source !== 'history') continue;
    units += result.units;
    days += result.daysCounted;
  }
  return days > 0 ? units / days : null;
}
