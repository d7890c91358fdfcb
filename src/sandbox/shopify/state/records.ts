/**
 * The sandbox's in-memory records, shaped after Shopify's own objects. Ids are decimal strings.
 */
export type DeliveryLocalPickupTime =
  | 'ONE_HOUR'
  | 'TWO_HOURS'
  | 'FOUR_HOURS'
  | 'TWENTY_FOUR_HOURS'
  | 'TWO_TO_FOUR_DAYS'
  | 'FIVE_OR_MORE_DAYS';

export interface AddressRecord {
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  country: string | null;
  countryCode: string;
  zip: string | null;
  phone: string | null;
}

export interface LocationRecord {
  id: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  pickup: { pickupTime: DeliveryLocalPickupTime; instructions: string } | null;
  address: AddressRecord;
  /** Position in the shop's order-routing priority list; lower routes first. */
  priority: number;
  createdAt: Date;
  updatedAt: Date;
}

export type InventoryPolicy = 'DENY' | 'CONTINUE';

export interface ProductRecord {
  id: string;
  title: string;
  handle: string;
  tags: string[];
  variantIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface VariantRecord {
  id: string;
  productId: string;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: string;
  inventoryPolicy: InventoryPolicy;
  inventoryItemId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface InventoryItemRecord {
  id: string;
  variantId: string;
  sku: string | null;
  tracked: boolean;
  cost: string | null;
  requiresShipping: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type RestockType = 'no_restock' | 'cancel' | 'return';
export type DeliveryMethodType = 'SHIPPING' | 'PICK_UP' | 'RETAIL';
export type FulfillmentOrderStatus = 'OPEN' | 'IN_PROGRESS' | 'CLOSED' | 'CANCELLED';

export interface LineItemRecord {
  id: string;
  variantId: string;
  productId: string;
  inventoryItemId: string;
  sku: string | null;
  title: string;
  variantTitle: string;
  price: string;
  tracked: boolean;
  requiresShipping: boolean;
  /** Units ordered, additions by an edit included. */
  quantity: number;
  removedByEdit: number;
  refundedUnfulfilled: number;
  refundedFulfilled: number;
  fulfilled: number;
}

export interface OrderRecord {
  id: string;
  number: number;
  name: string;
  token: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  closedAt: Date | null;
  sourceName: 'web' | 'pos';
  delivery: 'shipping' | 'pickup' | 'pos';
  locationId: string | null;
  userId: string | null;
  cartToken: string | null;
  email: string | null;
  noteAttributes: Array<{ name: string; value: string }>;
  tags: string[];
  financialStatus: 'paid' | 'partially_refunded' | 'refunded' | 'voided';
  /** Shipping: the rate chosen; pickup: the store, as Shopify names it (research §6). */
  shippingLine: { id: string; code: string; title: string } | null;
  lineItems: LineItemRecord[];
  fulfillmentOrderIds: string[];
  fulfillmentIds: string[];
  refundIds: string[];
}

export interface FulfillmentOrderLineRecord {
  id: string;
  lineItemId: string;
  inventoryItemId: string;
  variantId: string;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface FulfillmentOrderRecord {
  id: string;
  orderId: string;
  locationId: string;
  deliveryMethodId: string;
  deliveryMethod: DeliveryMethodType;
  status: FulfillmentOrderStatus;
  lines: FulfillmentOrderLineRecord[];
  preparedForPickupAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface FulfillmentRecord {
  id: string;
  orderId: string;
  fulfillmentOrderId: string;
  locationId: string;
  name: string;
  lines: Array<{ lineItemId: string; quantity: number }>;
  createdAt: Date;
}

export interface RefundLineRecord {
  id: string;
  lineItemId: string;
  quantity: number;
  restockType: RestockType;
  locationId: string | null;
}

export interface RefundRecord {
  id: string;
  orderId: string;
  note: string | null;
  userId: string | null;
  lines: RefundLineRecord[];
  createdAt: Date;
}

export interface TransferLineRecord {
  id: string;
  shipmentLineId: string;
  inventoryItemId: string;
  quantity: number;
  accepted: number;
  rejected: number;
}

export interface TransferRecord {
  id: string;
  shipmentId: string;
  name: string;
  originLocationId: string;
  destinationLocationId: string;
  status: 'IN_PROGRESS' | 'TRANSFERRED';
  lines: TransferLineRecord[];
  createdAt: Date;
  receivedAt: Date | null;
}

export interface AdjustmentChangeRecord {
  inventoryItemId: string;
  locationId: string;
  name: string;
  delta: number;
  quantityAfterChange: number;
  ledgerDocumentUri: string | null;
}

export interface AdjustmentGroupRecord {
  id: string;
  createdAt: Date;
  reason: string;
  referenceDocumentUri: string | null;
  changes: AdjustmentChangeRecord[];
}
