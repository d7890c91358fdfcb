import { numericIdOf } from '../state/gid.js';
import type {
  InventoryItemRecord,
  LocationRecord,
  ProductRecord,
  VariantRecord,
} from '../state/records.js';
import { SandboxError } from '../state/sandbox-error.js';
import type { ShopState } from '../state/shop-state.js';

/** A line as callers name it: by sku, variant or inventory item (ids bare or as GIDs). */
export interface LineInput {
  sku?: string | undefined;
  variantId?: string | undefined;
  inventoryItemId?: string | undefined;
  quantity: number;
}

export interface ResolvedLine {
  variant: VariantRecord;
  item: InventoryItemRecord;
  product: ProductRecord;
  quantity: number;
}

export function requireId(value: string, type: string, what: string): string {
  const id = numericIdOf(value, type);
  if (id === null)
    throw new SandboxError(
      'invalid_input',
      `${what} ${value} is neither digits nor a ${type} gid.`,
    );
  return id;
}

/** A location by id, gid or exact name (names make the demo script readable). */
export function resolveLocation(state: ShopState, ref: string): LocationRecord {
  const id = numericIdOf(ref, 'Location');
  if (id !== null) return state.requireLocation(id);
  for (const location of state.locations.values()) if (location.name === ref) return location;
  throw new SandboxError('not_found', `No location with id or name ${ref} in the sandbox shop.`);
}

export function resolveLines(state: ShopState, lines: LineInput[]): ResolvedLine[] {
  if (lines.length === 0)
    throw new SandboxError('invalid_input', 'An order needs at least one line.');
  return lines.map((line) => {
    requireQuantity(line.quantity);
    const variant = resolveVariant(state, line);
    const item = state.requireItem(variant.inventoryItemId);
    const product = state.products.get(variant.productId);
    if (!product) throw new SandboxError('not_found', `Variant ${variant.id} has no product.`);
    return { variant, item, product, quantity: line.quantity };
  });
}

export function requireQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity <= 0) {
    throw new SandboxError(
      'invalid_input',
      `Quantity ${quantity} must be a positive whole number.`,
    );
  }
}

function resolveVariant(state: ShopState, line: LineInput): VariantRecord {
  if (line.variantId !== undefined) {
    return state.requireVariant(requireId(line.variantId, 'ProductVariant', 'Variant'));
  }
  if (line.inventoryItemId !== undefined) {
    const item = state.requireItem(
      requireId(line.inventoryItemId, 'InventoryItem', 'Inventory item'),
    );
    return state.requireVariant(item.variantId);
  }
  if (line.sku !== undefined) {
    const variant = state.variantBySku(line.sku);
    if (!variant)
      throw new SandboxError('not_found', `No variant with sku ${line.sku} in the sandbox shop.`);
    return variant;
  }
  throw new SandboxError('invalid_input', 'A line names no sku, variantId or inventoryItemId.');
}
