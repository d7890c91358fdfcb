import { gidOf } from '../state/gid.js';
import { currentQuantity, fulfillableQuantity } from '../state/line-item-quantities.js';
import type { OrderRecord } from '../state/records.js';
import { fulfillmentPayload } from './fulfillment-payload.js';
import { lineItemPayload } from './line-item-payload.js';
import { fromCents, moneySet, toCents } from './money.js';
import type { PayloadContext } from './payload-context.js';
import { refundPayload } from './refund-payload.js';
import { formatShopTime, formatShopTimeOrNull } from './shop-time.js';
import { bare, bareOrNull } from './shopify-json.js';
import type { ShopifyJsonObject, ShopifyJsonValue } from './shopify-json.js';

/**
 * The REST order that `orders/*` topics carry, following the 2026-04 sample's members. A POS
 * sale has `source_name: "pos"` and its `location_id`; a web order has `location_id: null`
 * (research §1.2). Money other than line prices is zero: the sandbox sells without tax or fees.
 */
export function orderPayload(order: OrderRecord, ctx: PayloadContext): ShopifyJsonObject {
  const money = (amount: string): ShopifyJsonObject => moneySet(amount, ctx.currency);
  const time = (at: Date): string => formatShopTime(at, ctx.offsetMinutes);
  const subtotal = fromCents(
    order.lineItems.reduce((sum, line) => sum + toCents(line.price) * currentQuantity(line), 0),
  );
  const original = fromCents(
    order.lineItems.reduce((sum, line) => sum + toCents(line.price) * line.quantity, 0),
  );

  return {
    id: bare(order.id),
    admin_graphql_api_id: gidOf('Order', order.id),
    app_id: null,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: order.cancelReason,
    cancelled_at: formatShopTimeOrNull(order.cancelledAt, ctx.offsetMinutes),
    cart_token: order.cartToken,
    checkout_token: null,
    client_details: null,
    closed_at: formatShopTimeOrNull(order.closedAt, ctx.offsetMinutes),
    confirmation_number: order.token.slice(0, 9).toUpperCase(),
    confirmed: true,
    contact_email: order.email,
    created_at: time(order.createdAt),
    currency: ctx.currency,
    current_subtotal_price: subtotal,
    current_subtotal_price_set: money(subtotal),
    current_total_discounts: '0.00',
    current_total_discounts_set: money('0.00'),
    current_total_price: subtotal,
    current_total_price_set: money(subtotal),
    current_total_tax: '0.00',
    current_total_tax_set: money('0.00'),
    customer_locale: 'en',
    device_id: null,
    discount_codes: [],
    duties_included: false,
    email: order.email,
    estimated_taxes: false,
    financial_status: order.financialStatus,
    fulfillment_status: orderFulfillmentStatus(order),
    landing_site: null,
    landing_site_ref: null,
    location_id: bareOrNull(order.locationId),
    name: order.name,
    note: null,
    note_attributes: order.noteAttributes.map((attribute) => ({ ...attribute })),
    number: order.number - 1000,
    order_number: order.number,
    order_status_url: `https://${ctx.shopDomain}/orders/${order.token}/authenticate`,
    payment_gateway_names: [order.sourceName === 'pos' ? 'cash' : 'bogus'],
    phone: null,
    presentment_currency: ctx.currency,
    processed_at: time(order.createdAt),
    reference: null,
    referring_site: null,
    source_identifier: null,
    source_name: order.sourceName,
    source_url: null,
    subtotal_price: original,
    subtotal_price_set: money(original),
    tags: order.tags.join(', '),
    tax_exempt: false,
    tax_lines: [],
    taxes_included: false,
    test: true,
    token: order.token,
    total_discounts: '0.00',
    total_discounts_set: money('0.00'),
    total_line_items_price: original,
    total_line_items_price_set: money(original),
    total_outstanding: '0.00',
    total_price: original,
    total_price_set: money(original),
    total_shipping_price_set: money('0.00'),
    total_tax: '0.00',
    total_tax_set: money('0.00'),
    total_weight: 0,
    updated_at: time(order.updatedAt),
    user_id: bareOrNull(order.userId),
    billing_address: null,
    customer: null,
    discount_applications: [],
    fulfillments: order.fulfillmentIds.map((id) =>
      fulfillmentPayload(requiredRecord(ctx.state.fulfillments.get(id), id), ctx),
    ),
    line_items: order.lineItems.map((line) => lineItemPayload(line, ctx)),
    payment_terms: null,
    refunds: order.refundIds.map((id) =>
      refundPayload(requiredRecord(ctx.state.refunds.get(id), id), ctx),
    ),
    shipping_address: order.delivery === 'shipping' ? SAMPLE_ADDRESS : null,
    shipping_lines: shippingLines(order, ctx),
    returns: [],
    line_item_groups: [],
  };
}

export function orderFulfillmentStatus(order: OrderRecord): 'fulfilled' | 'partial' | null {
  const fulfilled = order.lineItems.some((line) => line.fulfilled > 0);
  if (!fulfilled) return null;
  const open = order.lineItems.some((line) => fulfillableQuantity(line) > 0);
  return open ? 'partial' : 'fulfilled';
}

function shippingLines(order: OrderRecord, ctx: PayloadContext): ShopifyJsonValue[] {
  if (!order.shippingLine) return [];
  const free = moneySet('0.00', ctx.currency);
  return [
    {
      id: bare(order.shippingLine.id),
      carrier_identifier: null,
      code: order.shippingLine.code,
      current_discounted_price_set: free,
      discounted_price: '0.00',
      discounted_price_set: free,
      is_removed: false,
      phone: null,
      price: '0.00',
      price_set: free,
      requested_fulfillment_service_id: null,
      source: 'shopify',
      title: order.shippingLine.title,
      tax_lines: [],
      discount_allocations: [],
    },
  ];
}

function requiredRecord<T>(value: T | undefined, id: string): T {
  if (value === undefined) throw new Error(`Order payload refers to a missing record ${id}`);
  return value;
}

const SAMPLE_ADDRESS: ShopifyJsonObject = {
  first_name: 'Sam',
  address1: '1 Sandbox Street',
  phone: null,
  city: 'Ottawa',
  zip: 'K1N 5T5',
  province: 'Ontario',
  country: 'Canada',
  last_name: 'Shopper',
  address2: null,
  company: null,
  latitude: null,
  longitude: null,
  name: 'Sam Shopper',
  country_code: 'CA',
  province_code: 'ON',
};
