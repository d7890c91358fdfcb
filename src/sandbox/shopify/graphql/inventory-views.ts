import { GraphQLError } from 'graphql';
import { formatDateTime, formatDateTimeOrNull } from '../payloads/shop-time.js';
import { gidOf, levelGid, numericIdOf } from '../state/gid.js';
import type { LevelRecord } from '../state/inventory-level.js';
import { QUANTITY_NAMES, isQuantityName } from '../state/quantity-names.js';
import type {
  InventoryItemRecord,
  LocationRecord,
  ProductRecord,
  VariantRecord,
} from '../state/records.js';
import type { AdminContext } from './admin-context.js';
import { connectionOf } from './connection.js';
import type { ConnectionArgs } from './connection.js';
import { matchesSearch } from './search-query.js';

/**
 * GraphQL views: plain objects shaped like the schema's types. Fields that cost work are
 * functions, which graphql-js calls with the field's arguments only when a query selects them.
 */
export type View = { __typename: string } & Record<string, unknown>;

export function locationView(ctx: AdminContext, location: LocationRecord): View {
  const address = location.address;
  return {
    __typename: 'Location',
    id: gidOf('Location', location.id),
    legacyResourceId: location.id,
    name: location.name,
    isActive: location.isActive,
    fulfillsOnlineOrders: location.fulfillsOnlineOrders,
    shipsInventory: location.isActive,
    hasActiveInventory: ctx.state.levelsAtLocation(location.id).length > 0,
    address: {
      ...address,
      formatted: [address.address1, address.city, address.province, address.country].filter(
        (part) => part,
      ),
    },
    localPickupSettingsV2: location.pickup ? { ...location.pickup } : null,
    createdAt: formatDateTime(location.createdAt),
    updatedAt: formatDateTime(location.updatedAt),
    inventoryLevel: ({ inventoryItemId }: { inventoryItemId: string }) => {
      const level = ctx.state.level(requireGid(inventoryItemId, 'InventoryItem'), location.id);
      return level ? levelView(ctx, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs & { query?: string | null }) =>
      levelConnection(ctx, ctx.state.levelsAtLocation(location.id), args),
  };
}

export function inventoryItemView(ctx: AdminContext, item: InventoryItemRecord): View {
  return {
    __typename: 'InventoryItem',
    id: gidOf('InventoryItem', item.id),
    legacyResourceId: item.id,
    sku: item.sku,
    tracked: item.tracked,
    requiresShipping: item.requiresShipping,
    unitCost: item.cost === null ? null : { amount: item.cost, currencyCode: ctx.currency },
    createdAt: formatDateTime(item.createdAt),
    updatedAt: formatDateTime(item.updatedAt),
    variant: () => variantView(ctx, ctx.state.requireVariant(item.variantId)),
    locationsCount: () => ({ count: ctx.state.levelsOfItem(item.id).length, precision: 'EXACT' }),
    inventoryLevel: ({ locationId }: { locationId: string }) => {
      const level = ctx.state.level(item.id, requireGid(locationId, 'Location'));
      return level ? levelView(ctx, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs & { query?: string | null }) =>
      levelConnection(ctx, ctx.state.levelsOfItem(item.id), args),
  };
}

export function levelView(ctx: AdminContext, level: LevelRecord): View {
  return {
    __typename: 'InventoryLevel',
    id: levelGid(level.locationId, level.inventoryItemId),
    item: () => inventoryItemView(ctx, ctx.state.requireItem(level.inventoryItemId)),
    location: () => locationView(ctx, ctx.state.requireLocation(level.locationId)),
    quantities: ({ names }: { names: string[] }) =>
      names.map((name) => {
        if (!isQuantityName(name)) {
          throw new GraphQLError(
            `The quantity name ${name} is not valid; valid names are ${QUANTITY_NAMES.join(', ')}.`,
          );
        }
        return {
          __typename: 'InventoryQuantity',
          id: `gid://shopify/InventoryQuantity/${level.locationId}?inventory_item_id=${level.inventoryItemId}&name=${name}`,
          name,
          quantity: level.cells[name].quantity,
          updatedAt: formatDateTimeOrNull(level.cells[name].updatedAt),
        };
      }),
    canDeactivate: level.cells.committed.quantity === 0 && level.cells.incoming.quantity === 0,
    createdAt: formatDateTime(level.createdAt),
    updatedAt: formatDateTime(level.updatedAt),
  };
}

export function variantView(ctx: AdminContext, variant: VariantRecord): View {
  const product = ctx.state.products.get(variant.productId);
  return {
    __typename: 'ProductVariant',
    id: gidOf('ProductVariant', variant.id),
    legacyResourceId: variant.id,
    title: variant.title,
    displayName: `${product?.title ?? ''} - ${variant.title}`,
    sku: variant.sku,
    barcode: variant.barcode,
    price: variant.price,
    inventoryPolicy: variant.inventoryPolicy,
    inventoryQuantity: () =>
      ctx.state
        .levelsOfItem(variant.inventoryItemId)
        .reduce((sum, level) => sum + level.cells.available.quantity, 0),
    inventoryItem: () => inventoryItemView(ctx, ctx.state.requireItem(variant.inventoryItemId)),
    product: () => (product ? productView(ctx, product) : null),
    createdAt: formatDateTime(variant.createdAt),
    updatedAt: formatDateTime(variant.updatedAt),
  };
}

export function productView(ctx: AdminContext, product: ProductRecord): View {
  return {
    __typename: 'Product',
    id: gidOf('Product', product.id),
    legacyResourceId: product.id,
    title: product.title,
    handle: product.handle,
    status: 'ACTIVE',
    tags: [...product.tags],
    createdAt: formatDateTime(product.createdAt),
    updatedAt: formatDateTime(product.updatedAt),
    variants: (args: ConnectionArgs) =>
      connectionOf(
        ctx,
        product.variantIds.map((id) => ctx.state.requireVariant(id)),
        args,
        (variant) => variant.id,
        (variant) => variantView(ctx, variant),
      ),
  };
}

/** A gid argument's numeric id; Shopify answers a malformed one with a top-level error. */
export function requireGid(value: string, type: string): string {
  const id = value.startsWith('gid://') ? numericIdOf(value, type) : null;
  if (id === null)
    throw new GraphQLError(`Invalid global id '${value}'`, {
      extensions: { code: 'argumentLiteralsIncompatible' },
    });
  return id;
}

function levelConnection(
  ctx: AdminContext,
  levels: LevelRecord[],
  args: ConnectionArgs & { query?: string | null },
) {
  const filtered = levels.filter((level) =>
    matchesSearch(args.query, {
      inventory_item_id: level.inventoryItemId,
      location_id: level.locationId,
    }),
  );
  return connectionOf(
    ctx,
    filtered,
    args,
    (level) => `${level.inventoryItemId}@${level.locationId}`,
    (level) => levelView(ctx, level),
  );
}
