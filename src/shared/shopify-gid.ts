/**
 * Shopify global ids. Numeric ids are kept as decimal strings: they can exceed 2^53.
 */
const NUMERIC = /^\d{1,20}$/;

export function toGid(type: string, id: string): string {
  return `gid://shopify/${type}/${id}`;
}

export function inventoryLevelGid(locationId: string, inventoryItemId: string): string {
  return `gid://shopify/InventoryLevel/${locationId}?inventory_item_id=${inventoryItemId}`;
}

/** The numeric part of a gid, or the value itself when it is already numeric; null otherwise. */
export function numericId(value: unknown): string | null {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  }
  if (typeof value !== 'string') return null;
  if (NUMERIC.test(value)) return value;
  const match = /^gid:\/\/shopify\/[A-Za-z]+\/(\d{1,20})(\?.*)?$/.exec(value);
  return match ? (match[1] ?? null) : null;
}

/** `inventory_item_id` from an InventoryLevel gid's query string (exact, unlike the number). */
export function itemIdFromLevelGid(gid: unknown): string | null {
  if (typeof gid !== 'string') return null;
  const match = /^gid:\/\/shopify\/InventoryLevel\/\d+\?inventory_item_id=(\d{1,20})$/.exec(gid);
  return match ? (match[1] ?? null) : null;
}
