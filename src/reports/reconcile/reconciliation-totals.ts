import { differenceClasses } from './reconciliation-report.js';
import type {
  ClassTotal,
  DifferenceClass,
  LocationTotals,
  ReconciliationLine,
} from './reconciliation-report.js';

/** Totals of one location's lines, per class: net and absolute units, and their value. */
export function locationTotals(
  location: { readonly handle: string; readonly netsuiteId: string },
  levelsCompared: number,
  lines: readonly ReconciliationLine[],
): LocationTotals {
  const byClass = Object.fromEntries(
    differenceClasses.map((name) => [name, emptyTotal()]),
  ) as Record<DifferenceClass, ClassTotal>;

  for (const line of lines) {
    for (const difference of line.differences) {
      const total = byClass[difference.class];
      const value = difference.valueCents;
      byClass[difference.class] = {
        units: total.units + difference.units,
        absoluteUnits: total.absoluteUnits + Math.abs(difference.units),
        valueCents: total.valueCents + (value ?? 0),
        absoluteValueCents: total.absoluteValueCents + Math.abs(value ?? 0),
        unvaluedUnits: total.unvaluedUnits + (value === null ? Math.abs(difference.units) : 0),
      };
    }
  }

  return {
    locationHandle: location.handle,
    netsuiteLocationId: location.netsuiteId,
    levelsCompared,
    levelsDiffering: lines.length,
    byClass,
  };
}

function emptyTotal(): ClassTotal {
  return { units: 0, absoluteUnits: 0, valueCents: 0, absoluteValueCents: 0, unvaluedUnits: 0 };
}
