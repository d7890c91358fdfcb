import type { DeliveryMethod, LocationKind } from './attribution-class.js';

/** An amount in the shop's currency and in the currency the customer paid in, minor units. */
export interface Money {
  shop: number;
  presentment: number;
}

/**
 * What attribution needs to know about one order, read from its webhook payloads (money, the
 * till, the staff member, fulfilments, refunds) and its fulfilment orders (where each unit
 * leaves from, and how). Ids are Shopify's numeric ids as strings; instants are UTC ISO-8601.
 */
export interface OrderFacts {
  orderId: string;
  name: string | null;
  sourceName: string | null;
  /** REST `location_id`: the POS location that took the order; null online. */
  sellingLocationId: string | null;
  /** REST `user_id`: the staff member logged in at the POS. */
  staffId: string | null;
  createdAt: string;
  cancelledAt: string | null;
  hasShipping: boolean;
  shopCurrency: string;
  presentmentCurrency: string;
  lines: LineFact[];
  fulfilmentOrders: FulfilmentOrderFact[];
  fulfillments: FulfillmentFact[];
  refunds: RefundFact[];
}

export interface LineFact {
  id: string;
  /** Units originally ordered (REST `quantity`). */
  quantity: number;
  /** The whole line, net of its discounts, before tax. */
  amount: Money;
}

export interface FulfilmentOrderFact {
  id: string;
  locationId: string;
  method: DeliveryMethod;
  status: string;
  lines: { lineItemId: string; totalQuantity: number }[];
}

export interface FulfillmentFact {
  id: string;
  locationId: string | null;
  createdAt: string;
  lines: { lineItemId: string; quantity: number }[];
}

export type RestockType = 'cancel' | 'return' | 'no_restock';

export interface RefundFact {
  id: string;
  createdAt: string;
  lines: {
    lineItemId: string;
    quantity: number;
    restockType: RestockType;
    locationId: string | null;
    /** `subtotal_set` when the payload carries it. */
    amount: Money | null;
  }[];
}

/** What the location registry says about a Shopify location, or null if it is not there. */
export type LocationLookup = (
  shopifyLocationId: string,
) => { handle: string; kind: LocationKind } | null;
