import { gidOf } from '../state/gid.js';
import type { AdminContext } from './admin-context.js';
import { connectionOf } from './connection.js';
import type { ConnectionArgs } from './connection.js';
import {
  inventoryItemView,
  locationView,
  productView,
  requireGid,
  variantView,
} from './inventory-views.js';
import { fulfillmentOrderView, orderView } from './order-views.js';
import { resolveNode } from './node-resolver.js';
import { matchesSearch } from './search-query.js';

type SearchArgs = ConnectionArgs & { query?: string | null };
type Root = Record<string, (args: never, ctx: AdminContext) => unknown>;

/** `QueryRoot` fields; graphql-js calls each with (args, context). */
export const queryRoot: Root = {
  node: ({ id }: { id: string }, ctx: AdminContext) => resolveNode(ctx, id),
  nodes: ({ ids }: { ids: string[] }, ctx: AdminContext) => ids.map((id) => resolveNode(ctx, id)),
  shop: (_args: Record<string, never>, ctx: AdminContext) => ({
    __typename: 'Shop',
    id: gidOf('Shop', '1'),
    name: ctx.shopDomain.split('.')[0] ?? ctx.shopDomain,
    myshopifyDomain: ctx.shopDomain,
    currencyCode: ctx.currency,
    timezoneOffsetMinutes: ctx.offsetMinutes,
  }),

  location: ({ id }: { id?: string | null }, ctx: AdminContext) => {
    const location = id
      ? ctx.state.locations.get(requireGid(id, 'Location'))
      : ctx.state.locationsByPriority()[0];
    return location ? locationView(ctx, location) : null;
  },
  locations: (args: SearchArgs & { includeInactive?: boolean | null }, ctx: AdminContext) =>
    connectionOf(
      ctx,
      ctx.state
        .locationsByPriority()
        .filter((location) => args.includeInactive || location.isActive),
      args,
      (location) => location.id,
      (location) => locationView(ctx, location),
    ),

  inventoryItem: ({ id }: { id: string }, ctx: AdminContext) => {
    const item = ctx.state.items.get(requireGid(id, 'InventoryItem'));
    return item ? inventoryItemView(ctx, item) : null;
  },
  inventoryItems: (args: SearchArgs, ctx: AdminContext) =>
    connectionOf(
      ctx,
      [...ctx.state.items.values()].filter((item) =>
        matchesSearch(args.query, { sku: item.sku, id: item.id }),
      ),
      args,
      (item) => item.id,
      (item) => inventoryItemView(ctx, item),
    ),
  inventoryLevel: ({ id }: { id: string }, ctx: AdminContext) => {
    const node = resolveNode(ctx, id);
    return node?.__typename === 'InventoryLevel' ? node : null;
  },

  product: ({ id }: { id: string }, ctx: AdminContext) => {
    const product = ctx.state.products.get(requireGid(id, 'Product'));
    return product ? productView(ctx, product) : null;
  },
  products: (args: SearchArgs, ctx: AdminContext) =>
    connectionOf(
      ctx,
      [...ctx.state.products.values()].filter((product) =>
        matchesSearch(args.query, { title: product.title, id: product.id }),
      ),
      args,
      (product) => product.id,
      (product) => productView(ctx, product),
    ),
  productVariant: ({ id }: { id: string }, ctx: AdminContext) => {
    const variant = ctx.state.variants.get(requireGid(id, 'ProductVariant'));
    return variant ? variantView(ctx, variant) : null;
  },
  productVariants: (args: SearchArgs, ctx: AdminContext) =>
    connectionOf(
      ctx,
      [...ctx.state.variants.values()].filter((variant) =>
        matchesSearch(args.query, {
          sku: variant.sku,
          barcode: variant.barcode,
          id: variant.id,
          product_id: variant.productId,
        }),
      ),
      args,
      (variant) => variant.id,
      (variant) => variantView(ctx, variant),
    ),

  order: ({ id }: { id: string }, ctx: AdminContext) => {
    const order = ctx.state.orders.get(requireGid(id, 'Order'));
    return order ? orderView(ctx, order) : null;
  },
  orders: (args: SearchArgs, ctx: AdminContext) =>
    connectionOf(
      ctx,
      [...ctx.state.orders.values()].filter((order) =>
        matchesSearch(args.query, {
          name: order.name,
          id: order.id,
          source_name: order.sourceName,
        }),
      ),
      args,
      (order) => order.id,
      (order) => orderView(ctx, order),
    ),
  fulfillmentOrder: ({ id }: { id: string }, ctx: AdminContext) => {
    const fo = ctx.state.fulfillmentOrders.get(requireGid(id, 'FulfillmentOrder'));
    return fo ? fulfillmentOrderView(ctx, fo) : null;
  },
  currentBulkOperation: (_args: Record<string, never>, ctx: AdminContext) => {
    const operation = ctx.bulk.current();
    return operation ? ctx.bulk.view(operation) : null;
  },
};
