/** Orders, fulfillment orders, fulfillments and refunds. */
export const ORDERS_SDL = /* GraphQL */ `
  enum OrderCancelReason {
    CUSTOMER
    DECLINED
    FRAUD
    INVENTORY
    OTHER
    STAFF
  }

  enum OrderDisplayFulfillmentStatus {
    FULFILLED
    IN_PROGRESS
    ON_HOLD
    OPEN
    PARTIALLY_FULFILLED
    PENDING_FULFILLMENT
    REQUEST_DECLINED
    RESTOCKED
    SCHEDULED
    UNFULFILLED
  }

  type LineItem implements Node {
    id: ID!
    name: String!
    title: String!
    sku: String
    variantTitle: String
    quantity: Int!
    currentQuantity: Int!
    unfulfilledQuantity: Int!
    refundableQuantity: Int!
    requiresShipping: Boolean!
    variant: ProductVariant
  }

  type LineItemEdge {
    cursor: String!
    node: LineItem!
  }

  type LineItemConnection {
    edges: [LineItemEdge!]!
    nodes: [LineItem!]!
    pageInfo: PageInfo!
  }

  type Order implements Node {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
    createdAt: DateTime!
    updatedAt: DateTime!
    processedAt: DateTime!
    cancelledAt: DateTime
    cancelReason: OrderCancelReason
    closedAt: DateTime
    sourceName: String
    tags: [String!]!
    note: String
    test: Boolean!
    customAttributes: [Attribute!]!
    displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
    retailLocation: Location
    lineItems(
      first: Int
      after: String
      last: Int
      before: String
      reverse: Boolean = false
    ): LineItemConnection!
    fulfillmentOrders(
      first: Int
      after: String
      last: Int
      before: String
      displayable: Boolean = false
      query: String
      reverse: Boolean = false
    ): FulfillmentOrderConnection!
    fulfillments(first: Int): [Fulfillment!]!
    refunds(first: Int): [Refund!]!
  }

  type OrderEdge {
    cursor: String!
    node: Order!
  }

  type OrderConnection {
    edges: [OrderEdge!]!
    nodes: [Order!]!
    pageInfo: PageInfo!
  }

  enum DeliveryMethodType {
    LOCAL
    NONE
    PICKUP_POINT
    PICK_UP
    RETAIL
    SHIPPING
  }

  type DeliveryMethod implements Node {
    id: ID!
    methodType: DeliveryMethodType!
  }

  enum FulfillmentOrderStatus {
    CANCELLED
    CLOSED
    INCOMPLETE
    IN_PROGRESS
    ON_HOLD
    OPEN
    SCHEDULED
  }

  enum FulfillmentOrderRequestStatus {
    ACCEPTED
    CANCELLATION_ACCEPTED
    CANCELLATION_REJECTED
    CANCELLATION_REQUESTED
    CLOSED
    REJECTED
    SUBMITTED
    UNSUBMITTED
  }

  type FulfillmentOrderAssignedLocation {
    name: String!
    location: Location
    address1: String
    city: String
    countryCode: String!
    province: String
    zip: String
    phone: String
  }

  type FulfillmentOrderLineItem implements Node {
    id: ID!
    totalQuantity: Int!
    remainingQuantity: Int!
    inventoryItemId: ID
    sku: String!
    productTitle: String!
    variant: ProductVariant
    lineItem: LineItem!
  }

  type FulfillmentOrderLineItemEdge {
    cursor: String!
    node: FulfillmentOrderLineItem!
  }

  type FulfillmentOrderLineItemConnection {
    edges: [FulfillmentOrderLineItemEdge!]!
    nodes: [FulfillmentOrderLineItem!]!
    pageInfo: PageInfo!
  }

  type FulfillmentOrder implements Node {
    id: ID!
    orderId: ID!
    orderName: String!
    order: Order!
    status: FulfillmentOrderStatus!
    requestStatus: FulfillmentOrderRequestStatus!
    createdAt: DateTime!
    updatedAt: DateTime!
    assignedLocation: FulfillmentOrderAssignedLocation!
    deliveryMethod: DeliveryMethod
    lineItems(
      first: Int
      after: String
      last: Int
      before: String
      reverse: Boolean = false
    ): FulfillmentOrderLineItemConnection!
  }

  type FulfillmentOrderEdge {
    cursor: String!
    node: FulfillmentOrder!
  }

  type FulfillmentOrderConnection {
    edges: [FulfillmentOrderEdge!]!
    nodes: [FulfillmentOrder!]!
    pageInfo: PageInfo!
  }

  enum FulfillmentDisplayStatus {
    FULFILLED
  }

  enum FulfillmentStatus {
    CANCELLED
    ERROR
    FAILURE
    OPEN
    PENDING
    SUCCESS
  }

  type Fulfillment implements Node {
    id: ID!
    name: String!
    status: FulfillmentStatus!
    displayStatus: FulfillmentDisplayStatus
    createdAt: DateTime!
    updatedAt: DateTime!
    location: Location
  }

  enum RefundLineItemRestockType {
    CANCEL
    LEGACY_RESTOCK
    NO_RESTOCK
    RETURN
  }

  type RefundLineItem {
    id: ID
    quantity: Int!
    restockType: RefundLineItemRestockType!
    restocked: Boolean!
    location: Location
    lineItem: LineItem!
  }

  type RefundLineItemEdge {
    cursor: String!
    node: RefundLineItem!
  }

  type RefundLineItemConnection {
    edges: [RefundLineItemEdge!]!
    nodes: [RefundLineItem!]!
    pageInfo: PageInfo!
  }

  type Refund implements Node {
    id: ID!
    createdAt: DateTime
    note: String
    refundLineItems(
      first: Int
      after: String
      last: Int
      before: String
      reverse: Boolean = false
    ): RefundLineItemConnection!
  }
`;
