import {
  inventoryItemDeletePayload,
  inventoryItemPayload,
  levelDisconnectPayload,
  locationPayload,
} from '../payloads/inventory-payloads.js';
import { productPayload } from '../payloads/product-payload.js';
import { normalizeAmount } from '../payloads/money.js';
import { applyDeltas } from '../state/inventory-level.js';
import { isQuantityName } from '../state/quantity-names.js';
import type { QuantityName } from '../state/quantity-names.js';
import type {
  AddressRecord,
  DeliveryLocalPickupTime,
  InventoryItemRecord,
  InventoryPolicy,
  LocationRecord,
  ProductRecord,
  VariantRecord,
} from '../state/records.js';
import { SandboxError } from '../state/sandbox-error.js';
import type { CommerceContext } from './commerce-context.js';
import { requireId, resolveLocation } from './input-refs.js';
import type { MerchantAction } from './merchant-action.js';
import { changeStock, ensureLevel } from './stock.js';

export interface LocationInput {
  name: string;
  isActive?: boolean | undefined;
  fulfillsOnlineOrders?: boolean | undefined;
  /** true for local pickup with defaults, null or false for none. */
  pickup?:
    | { pickupTime?: DeliveryLocalPickupTime | undefined; instructions?: string | undefined }
    | boolean
    | null
    | undefined;
  address?: Partial<AddressRecord> | undefined;
  priority?: number | undefined;
}

export interface VariantInput {
  sku?: string | null | undefined;
  barcode?: string | null | undefined;
  title?: string | undefined;
  price?: string | undefined;
  cost?: string | null | undefined;
  tracked?: boolean | undefined;
  inventoryPolicy?: InventoryPolicy | undefined;
  requiresShipping?: boolean | undefined;
}

export interface ProductInput {
  title: string;
  variants: VariantInput[];
}

export interface CreatedProduct {
  productId: string;
  variants: Array<{ variantId: string; inventoryItemId: string; sku: string | null }>;
}

export interface QuantitySetInput {
  inventoryItemId: string;
  locationId: string;
  name: QuantityName;
  quantity: number;
}

export function createLocation(
  ctx: CommerceContext,
  action: MerchantAction,
  input: LocationInput,
): LocationRecord {
  if (!input.name) throw new SandboxError('invalid_input', 'A location needs a name.');
  const location: LocationRecord = {
    id: ctx.state.ids.next(),
    name: input.name,
    isActive: input.isActive ?? true,
    fulfillsOnlineOrders: input.fulfillsOnlineOrders ?? true,
    pickup: pickupOf(input.pickup),
    address: {
      address1: null,
      address2: null,
      city: null,
      province: null,
      provinceCode: null,
      country: 'Canada',
      countryCode: 'CA',
      zip: null,
      phone: null,
      ...input.address,
    },
    priority: input.priority ?? ctx.state.locations.size,
    createdAt: action.at,
    updatedAt: action.at,
  };
  ctx.state.locations.set(location.id, location);
  action.emitSnapshot('locations/create', () => locationPayload(location, ctx.payloads));
  return location;
}

export function updateLocation(
  ctx: CommerceContext,
  action: MerchantAction,
  ref: string,
  patch: Partial<LocationInput>,
): LocationRecord {
  const location = resolveLocation(ctx.state, ref);
  if (patch.name !== undefined) location.name = patch.name;
  if (patch.isActive !== undefined) location.isActive = patch.isActive;
  if (patch.fulfillsOnlineOrders !== undefined)
    location.fulfillsOnlineOrders = patch.fulfillsOnlineOrders;
  if (patch.pickup !== undefined) location.pickup = pickupOf(patch.pickup);
  if (patch.address !== undefined) location.address = { ...location.address, ...patch.address };
  if (patch.priority !== undefined) location.priority = patch.priority;
  location.updatedAt = action.at;
  action.emitSnapshot('locations/update', () => locationPayload(location, ctx.payloads));
  return location;
}

export function createProduct(
  ctx: CommerceContext,
  action: MerchantAction,
  input: ProductInput,
): CreatedProduct {
  if (!input.title || input.variants.length === 0)
    throw new SandboxError('invalid_input', 'A product needs a title and at least one variant.');
  const { state } = ctx;
  const product: ProductRecord = {
    id: state.ids.next(),
    title: input.title,
    handle: handleOf(input.title),
    tags: [],
    variantIds: [],
    createdAt: action.at,
    updatedAt: action.at,
  };
  state.products.set(product.id, product);

  const variants = input.variants.map((spec, index) => {
    const variant: VariantRecord = {
      id: state.ids.next(),
      productId: product.id,
      title: spec.title ?? (input.variants.length === 1 ? 'Default Title' : `Variant ${index + 1}`),
      sku: spec.sku ?? null,
      barcode: spec.barcode ?? null,
      price: normalizeAmount(spec.price ?? '10.00'),
      inventoryPolicy: spec.inventoryPolicy ?? 'DENY',
      inventoryItemId: state.ids.next(),
      createdAt: action.at,
      updatedAt: action.at,
    };
    const item: InventoryItemRecord = {
      id: variant.inventoryItemId,
      variantId: variant.id,
      sku: variant.sku,
      tracked: spec.tracked ?? true,
      cost: spec.cost === undefined || spec.cost === null ? null : normalizeAmount(spec.cost),
      requiresShipping: spec.requiresShipping ?? true,
      createdAt: action.at,
      updatedAt: action.at,
    };
    state.variants.set(variant.id, variant);
    state.items.set(item.id, item);
    product.variantIds.push(variant.id);
    action.emitSnapshot('inventory_items/create', () => inventoryItemPayload(item, ctx.payloads));
    return { variantId: variant.id, inventoryItemId: item.id, sku: variant.sku };
  });
  action.emitSnapshot('products/create', () => productPayload(product, ctx.payloads));
  return { productId: product.id, variants };
}

export function updateInventoryItem(
  ctx: CommerceContext,
  action: MerchantAction,
  ref: string,
  patch: {
    sku?: string | null;
    tracked?: boolean;
    cost?: string | null;
    requiresShipping?: boolean;
  },
): InventoryItemRecord {
  const item = ctx.state.requireItem(requireId(ref, 'InventoryItem', 'Inventory item'));
  const variant = ctx.state.requireVariant(item.variantId);
  if (patch.sku !== undefined) item.sku = variant.sku = patch.sku;
  if (patch.tracked !== undefined) item.tracked = patch.tracked;
  if (patch.cost !== undefined)
    item.cost = patch.cost === null ? null : normalizeAmount(patch.cost);
  if (patch.requiresShipping !== undefined) item.requiresShipping = patch.requiresShipping;
  item.updatedAt = variant.updatedAt = action.at;
  action.emitSnapshot('inventory_items/update', () => inventoryItemPayload(item, ctx.payloads));
  return item;
}

export function deleteVariant(ctx: CommerceContext, action: MerchantAction, ref: string): void {
  const variant = ctx.state.requireVariant(requireId(ref, 'ProductVariant', 'Variant'));
  const item = ctx.state.requireItem(variant.inventoryItemId);
  for (const level of ctx.state.levelsOfItem(item.id))
    ctx.state.disconnect(item.id, level.locationId);
  ctx.state.variants.delete(variant.id);
  ctx.state.items.delete(item.id);
  const product = ctx.state.products.get(variant.productId);
  if (product) product.variantIds = product.variantIds.filter((id) => id !== variant.id);
  action.emitSnapshot('inventory_items/delete', () => inventoryItemDeletePayload(item));
}

/** Stocks an item at a location; a new level's starting `available` rides in the connect payload. */
export function connectLevel(
  ctx: CommerceContext,
  action: MerchantAction,
  input: { inventoryItemId: string; locationId: string; available?: number | undefined },
): void {
  const item = ctx.state.requireItem(
    requireId(input.inventoryItemId, 'InventoryItem', 'Inventory item'),
  );
  const locationId = resolveLocation(ctx.state, input.locationId).id;
  const existed = ctx.state.level(item.id, locationId) !== undefined;
  const level = ensureLevel(ctx, action, item.id, locationId);
  if (input.available === undefined || !item.tracked) return;

  const delta = input.available - level.cells.available.quantity;
  if (existed) changeStock(ctx, action, item.id, locationId, { available: delta });
  else applyDeltas(level, { available: delta }, action.at);
}

export function disconnectLevel(
  ctx: CommerceContext,
  action: MerchantAction,
  input: { inventoryItemId: string; locationId: string },
): void {
  const itemId = requireId(input.inventoryItemId, 'InventoryItem', 'Inventory item');
  const locationId = resolveLocation(ctx.state, input.locationId).id;
  const level = ctx.state.level(itemId, locationId);
  if (!level)
    throw new SandboxError('not_found', `Item ${itemId} is not stocked at location ${locationId}.`);
  if (level.cells.committed.quantity !== 0 || level.cells.incoming.quantity !== 0) {
    throw new SandboxError(
      'invalid_state',
      `Item ${itemId} has committed or incoming units at ${locationId}.`,
    );
  }
  ctx.state.disconnect(itemId, locationId);
  action.emitSnapshot('inventory_levels/disconnect', () =>
    levelDisconnectPayload(itemId, locationId),
  );
}

/** An admin's absolute set of one named quantity; on_hand is set through available. */
export function setQuantity(
  ctx: CommerceContext,
  action: MerchantAction,
  input: QuantitySetInput,
): void {
  if (!isQuantityName(input.name))
    throw new SandboxError('invalid_input', `Unknown quantity name ${String(input.name)}.`);
  if (!Number.isInteger(input.quantity))
    throw new SandboxError('invalid_input', `Quantity ${input.quantity} must be a whole number.`);
  const itemId = ctx.state.requireItem(
    requireId(input.inventoryItemId, 'InventoryItem', 'Inventory item'),
  ).id;
  const locationId = resolveLocation(ctx.state, input.locationId).id;
  const level = ensureLevel(ctx, action, itemId, locationId);

  const target = input.name === 'on_hand' ? 'available' : input.name;
  const delta = input.quantity - level.cells[input.name].quantity;
  changeStock(ctx, action, itemId, locationId, { [target]: delta });
}

function pickupOf(pickup: LocationInput['pickup']): LocationRecord['pickup'] {
  if (pickup === undefined || pickup === null || pickup === false) return null;
  if (pickup === true) return { pickupTime: 'TWO_HOURS', instructions: '' };
  return { pickupTime: pickup.pickupTime ?? 'TWO_HOURS', instructions: pickup.instructions ?? '' };
}

function handleOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
