import type { LocationRecord } from '../state/records.js';
import type { ShopState } from '../state/shop-state.js';
import type { ResolvedLine } from './input-refs.js';

export interface RoutedGroup {
  locationId: string;
  /** Units of the order's lines (by index) this location takes. */
  parts: Array<{ lineIndex: number; quantity: number }>;
}

/**
 * Shipping routing, simplified from Shopify's default rules. The first location by priority
 * that can ship the whole order takes it. Otherwise each line takes what it can from the
 * locations in priority order, splitting across them; units nobody has (a CONTINUE variant,
 * oversold) go to the first location that stocks the item, else the first location.
 */
export function routeShipping(
  state: ShopState,
  lines: ResolvedLine[],
  candidates: LocationRecord[],
): RoutedGroup[] {
  const availableAt = (location: LocationRecord, line: ResolvedLine): number => {
    if (!line.item.tracked) return Number.POSITIVE_INFINITY;
    return (
      state.level(line.item.id, location.id)?.cells.available.quantity ?? Number.NEGATIVE_INFINITY
    );
  };

  const whole = candidates.find((location) =>
    lines.every((line) => availableAt(location, line) >= line.quantity),
  );
  if (whole)
    return [
      {
        locationId: whole.id,
        parts: lines.map((line, lineIndex) => ({ lineIndex, quantity: line.quantity })),
      },
    ];

  const groups = new Map<string, RoutedGroup>();
  const take = (locationId: string, lineIndex: number, quantity: number): void => {
    const group = groups.get(locationId) ?? { locationId, parts: [] };
    group.parts.push({ lineIndex, quantity });
    groups.set(locationId, group);
  };

  lines.forEach((line, lineIndex) => {
    let left = line.quantity;
    for (const location of candidates) {
      const units = Math.min(left, Math.max(0, availableAt(location, line)));
      if (units > 0) take(location.id, lineIndex, units);
      left -= units;
      if (left === 0) return;
    }
    const stocked =
      candidates.find((location) => state.level(line.item.id, location.id) !== undefined) ??
      candidates[0];
    if (!stocked) throw new Error('routeShipping needs at least one candidate location');
    take(stocked.id, lineIndex, left);
  });

  return candidates.flatMap((location) => {
    const group = groups.get(location.id);
    return group ? [group] : [];
  });
}
