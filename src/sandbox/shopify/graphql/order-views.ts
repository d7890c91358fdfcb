import { formatDateTime, formatDateTimeOrNull } from '../payloads/shop-time.js';
import { gidOf } from '../state/gid.js';
import { currentQuantity, fulfillableQuantity } from '../state/line-item-quantities.js';
import type {
  FulfillmentOrderLineRecord,
  FulfillmentOrderRecord,
  FulfillmentRecord,
  LineItemRecord,
  OrderRecord,
  RefundRecord,
} from '../state/records.js';
import type { AdminContext } from './admin-context.js';
import { connectionOf } from './connection.js';
import type { ConnectionArgs } from './connection.js';
import { locationView, variantView } from './inventory-views.js';
import type { View } from './inventory-views.js';

export function orderView(ctx: AdminContext, order: OrderRecord): View {
  const fulfilled = order.lineItems.some((line) => line.fulfilled > 0);
  const open = order.lineItems.some((line) => fulfillableQuantity(line) > 0);
  return {
    __typename: 'Order',
    id: gidOf('Order', order.id),
    legacyResourceId: order.id,
    name: order.name,
    createdAt: formatDateTime(order.createdAt),
    updatedAt: formatDateTime(order.updatedAt),
    processedAt: formatDateTime(order.createdAt),
    cancelledAt: formatDateTimeOrNull(order.cancelledAt),
    cancelReason: order.cancelReason?.toUpperCase() ?? null,
    closedAt: formatDateTimeOrNull(order.closedAt),
    sourceName: order.sourceName,
    tags: [...order.tags],
    note: null,
    test: true,
    customAttributes: order.noteAttributes.map((attribute) => ({
      key: attribute.name,
      value: attribute.value,
    })),
    displayFulfillmentStatus: fulfilled
      ? open
        ? 'PARTIALLY_FULFILLED'
        : 'FULFILLED'
      : 'UNFULFILLED',
    retailLocation: () =>
      order.locationId ? locationView(ctx, ctx.state.requireLocation(order.locationId)) : null,
    lineItems: (args: ConnectionArgs) =>
      connectionOf(
        ctx,
        order.lineItems,
        args,
        (line) => line.id,
        (line) => lineItemView(ctx, line),
      ),
    fulfillmentOrders: (args: ConnectionArgs) =>
      connectionOf(
        ctx,
        ctx.state.fulfillmentOrdersOf(order),
        args,
        (fo) => fo.id,
        (fo) => fulfillmentOrderView(ctx, fo),
      ),
    fulfillments: ({ first }: { first?: number | null }) =>
      order.fulfillmentIds.slice(0, first ?? undefined).flatMap((id) => {
        const fulfillment = ctx.state.fulfillments.get(id);
        return fulfillment ? [fulfillmentView(ctx, fulfillment)] : [];
      }),
    refunds: ({ first }: { first?: number | null }) =>
      order.refundIds.slice(0, first ?? undefined).flatMap((id) => {
        const refund = ctx.state.refunds.get(id);
        return refund ? [refundView(ctx, order, refund)] : [];
      }),
  };
}

export function lineItemView(ctx: AdminContext, line: LineItemRecord): View {
  return {
    __typename: 'LineItem',
    id: gidOf('LineItem', line.id),
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    title: line.title,
    sku: line.sku,
    variantTitle: line.variantTitle || null,
    quantity: line.quantity,
    currentQuantity: currentQuantity(line),
    unfulfilledQuantity: fulfillableQuantity(line),
    refundableQuantity: currentQuantity(line),
    requiresShipping: line.requiresShipping,
    variant: () => {
      const variant = ctx.state.variants.get(line.variantId);
      return variant ? variantView(ctx, variant) : null;
    },
  };
}

export function fulfillmentOrderView(ctx: AdminContext, fo: FulfillmentOrderRecord): View {
  const order = ctx.state.requireOrder(fo.orderId);
  const location = ctx.state.requireLocation(fo.locationId);
  return {
    __typename: 'FulfillmentOrder',
    id: gidOf('FulfillmentOrder', fo.id),
    orderId: gidOf('Order', fo.orderId),
    orderName: order.name,
    order: () => orderView(ctx, order),
    status: fo.status,
    requestStatus: 'UNSUBMITTED',
    createdAt: formatDateTime(fo.createdAt),
    updatedAt: formatDateTime(fo.updatedAt),
    assignedLocation: {
      name: location.name,
      location: () => locationView(ctx, location),
      address1: location.address.address1,
      city: location.address.city,
      countryCode: location.address.countryCode,
      province: location.address.province,
      zip: location.address.zip,
      phone: location.address.phone,
    },
    deliveryMethod: {
      __typename: 'DeliveryMethod',
      id: gidOf('DeliveryMethod', fo.deliveryMethodId),
      methodType: fo.deliveryMethod,
    },
    lineItems: (args: ConnectionArgs) =>
      connectionOf(
        ctx,
        fo.lines,
        args,
        (line) => line.id,
        (line) => fulfillmentOrderLineView(ctx, order, line),
      ),
  };
}

function fulfillmentOrderLineView(
  ctx: AdminContext,
  order: OrderRecord,
  line: FulfillmentOrderLineRecord,
): View {
  const lineItem = order.lineItems.find((candidate) => candidate.id === line.lineItemId);
  return {
    __typename: 'FulfillmentOrderLineItem',
    id: gidOf('FulfillmentOrderLineItem', line.id),
    totalQuantity: line.totalQuantity,
    remainingQuantity: line.remainingQuantity,
    inventoryItemId: gidOf('InventoryItem', line.inventoryItemId),
    sku: lineItem?.sku ?? '',
    productTitle: lineItem?.title ?? '',
    variant: () => {
      const variant = ctx.state.variants.get(line.variantId);
      return variant ? variantView(ctx, variant) : null;
    },
    lineItem: () => (lineItem ? lineItemView(ctx, lineItem) : null),
  };
}

function fulfillmentView(ctx: AdminContext, fulfillment: FulfillmentRecord): View {
  return {
    __typename: 'Fulfillment',
    id: gidOf('Fulfillment', fulfillment.id),
    name: fulfillment.name,
    status: 'SUCCESS',
    displayStatus: 'FULFILLED',
    createdAt: formatDateTime(fulfillment.createdAt),
    updatedAt: formatDateTime(fulfillment.createdAt),
    location: () => locationView(ctx, ctx.state.requireLocation(fulfillment.locationId)),
  };
}

function refundView(ctx: AdminContext, order: OrderRecord, refund: RefundRecord): View {
  return {
    __typename: 'Refund',
    id: gidOf('Refund', refund.id),
    createdAt: formatDateTime(refund.createdAt),
    note: refund.note,
    refundLineItems: (args: ConnectionArgs) =>
      connectionOf(
        ctx,
        refund.lines,
        args,
        (line) => line.id,
        (line) => {
          const lineItem = order.lineItems.find((candidate) => candidate.id === line.lineItemId);
          return {
            id: gidOf('RefundLineItem', line.id),
            quantity: line.quantity,
            restockType: line.restockType.toUpperCase(),
            restocked: line.restockType !== 'no_restock',
            location: () =>
              line.locationId
                ? locationView(ctx, ctx.state.requireLocation(line.locationId))
                : null,
            lineItem: () => (lineItem ? lineItemView(ctx, lineItem) : null),
          };
        },
      ),
  };
}
