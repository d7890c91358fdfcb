import { ON_HAND_PARTS, QUANTITY_NAMES } from './quantity-names.js';
import type { QuantityDeltas, QuantityName, StoredQuantityName } from './quantity-names.js';

export interface QuantityCell {
  quantity: number;
  /** Null until the quantity first changes, as Shopify's `InventoryQuantity.updatedAt`. */
  updatedAt: Date | null;
}

export interface LevelRecord {
  inventoryItemId: string;
  locationId: string;
  cells: Record<QuantityName, QuantityCell>;
  createdAt: Date;
  updatedAt: Date;
}

export interface QuantityChange {
  inventoryItemId: string;
  locationId: string;
  name: QuantityName;
  delta: number;
  quantityAfterChange: number;
}

export function newLevel(inventoryItemId: string, locationId: string, at: Date): LevelRecord {
  const cells = {} as Record<QuantityName, QuantityCell>;
  for (const name of QUANTITY_NAMES) cells[name] = { quantity: 0, updatedAt: null };
  return { inventoryItemId, locationId, cells, createdAt: at, updatedAt: at };
}

/**
 * Applies deltas to stored states and moves on_hand by the sum of the deltas to its parts, so
 * the invariant on_hand = available + committed + unavailable holds after every change.
 * Returns one change per name that moved, on_hand included.
 */
export function applyDeltas(
  level: LevelRecord,
  deltas: QuantityDeltas,
  at: Date,
): QuantityChange[] {
  const changes: QuantityChange[] = [];
  let onHandDelta = 0;

  for (const [name, delta] of Object.entries(deltas) as Array<[StoredQuantityName, number]>) {
    if (delta === 0) continue;
    if ((ON_HAND_PARTS as readonly string[]).includes(name)) onHandDelta += delta;
    changes.push(bump(level, name, delta, at));
  }
  if (onHandDelta !== 0) changes.push(bump(level, 'on_hand', onHandDelta, at));

  if (changes.length > 0) level.updatedAt = at;
  return changes;
}

export function quantitiesOf(level: LevelRecord): Record<QuantityName, number> {
  const out = {} as Record<QuantityName, number>;
  for (const name of QUANTITY_NAMES) out[name] = level.cells[name].quantity;
  return out;
}

function bump(level: LevelRecord, name: QuantityName, delta: number, at: Date): QuantityChange {
  const cell = level.cells[name];
  cell.quantity += delta;
  cell.updatedAt = at;
  return {
    inventoryItemId: level.inventoryItemId,
    locationId: level.locationId,
    name,
    delta,
    quantityAfterChange: cell.quantity,
  };
}
