/**
 * Shopify global ids as the sandbox writes and reads them. Numeric parts stay decimal strings.
 */
const DIGITS = /^\d{1,20}$/;
const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d{1,20})(?:\?(.*))?$/;

export interface ParsedGid {
  type: string;
  id: string;
  params: URLSearchParams;
}

export function gidOf(type: string, id: string): string {
  return `gid://shopify/${type}/${id}`;
}

/** Shopify names a level by its location id with the item in the query string. */
export function levelGid(locationId: string, inventoryItemId: string): string {
  return `gid://shopify/InventoryLevel/${locationId}?inventory_item_id=${inventoryItemId}`;
}

export function parseGid(value: string): ParsedGid | null {
  const match = GID.exec(value);
  if (!match) return null;
  return { type: match[1] ?? '', id: match[2] ?? '', params: new URLSearchParams(match[3] ?? '') };
}

/** The numeric id of `value` when it is bare digits or a gid of `type`; null otherwise. */
export function numericIdOf(value: string, type: string): string | null {
  if (DIGITS.test(value)) return value;
  const parsed = parseGid(value);
  return parsed && parsed.type === type ? parsed.id : null;
}

export interface LevelKey {
  locationId: string;
  inventoryItemId: string;
}

export function parseLevelGid(value: string): LevelKey | null {
  const parsed = parseGid(value);
  if (!parsed || parsed.type !== 'InventoryLevel') return null;
  const itemId = parsed.params.get('inventory_item_id');
  if (!itemId || !DIGITS.test(itemId)) return null;
  return { locationId: parsed.id, inventoryItemId: itemId };
}
