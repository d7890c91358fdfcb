import type { LocationRecord } from '../state/records.js';
import type { ShopState } from '../state/shop-state.js';
import type { ResolvedLine } from './input-refs.js';

export interface Shortfall {
  variantId: string;
  sku: string | null;
  requested: number;
  available: number;
}

/**
 * The online store's stock check (research §9): only a tracked variant whose inventory policy
 * is DENY can be refused. Shipping counts `available` at every active location that fulfils
 * online orders; pickup counts only the chosen store. A location below zero counts as zero.
 */
export function checkoutShortfalls(
  state: ShopState,
  lines: ResolvedLine[],
  locations: LocationRecord[],
): Shortfall[] {
  const requested = new Map<string, { line: ResolvedLine; quantity: number }>();
  for (const line of lines) {
    const entry = requested.get(line.variant.id) ?? { line, quantity: 0 };
    entry.quantity += line.quantity;
    requested.set(line.variant.id, entry);
  }

  const shortfalls: Shortfall[] = [];
  for (const { line, quantity } of requested.values()) {
    if (!line.item.tracked || line.variant.inventoryPolicy !== 'DENY') continue;
    const available = locations.reduce((sum, location) => {
      const level = state.level(line.item.id, location.id);
      return sum + Math.max(0, level?.cells.available.quantity ?? 0);
    }, 0);
    if (available < quantity) {
      shortfalls.push({
        variantId: line.variant.id,
        sku: line.variant.sku,
        requested: quantity,
        available,
      });
    }
  }
  return shortfalls;
}

export function onlineLocations(state: ShopState): LocationRecord[] {
  return state
    .locationsByPriority()
    .filter((location) => location.isActive && location.fulfillsOnlineOrders);
}
