/** Bulk operations and the two root types, named as in Shopify's schema (QueryRoot, Mutation). */
export const ROOTS_SDL = /* GraphQL */ `
  enum BulkOperationStatus {
    CANCELED
    CANCELING
    COMPLETED
    CREATED
    EXPIRED
    FAILED
    RUNNING
  }

  enum BulkOperationErrorCode {
    ACCESS_DENIED
    INTERNAL_SERVER_ERROR
    TIMEOUT
  }

  enum BulkOperationType {
    MUTATION
    QUERY
  }

  enum BulkOperationUserErrorCode {
    INVALID
    LIMIT_REACHED
    OPERATION_IN_PROGRESS
  }

  type BulkOperation implements Node {
    id: ID!
    status: BulkOperationStatus!
    errorCode: BulkOperationErrorCode
    type: BulkOperationType!
    query: String!
    createdAt: DateTime!
    completedAt: DateTime
    objectCount: UnsignedInt64!
    rootObjectCount: UnsignedInt64!
    fileSize: UnsignedInt64
    url: URL
    partialDataUrl: URL
  }

  type BulkOperationUserError implements DisplayableError {
    code: BulkOperationUserErrorCode
    field: [String!]
    message: String!
  }

  type BulkOperationRunQueryPayload {
    bulkOperation: BulkOperation
    userErrors: [BulkOperationUserError!]!
  }

  type QueryRoot {
    node(id: ID!): Node
    nodes(ids: [ID!]!): [Node]!
    shop: Shop!
    location(id: ID): Location
    locations(
      first: Int
      after: String
      last: Int
      before: String
      query: String
      includeInactive: Boolean = false
      includeLegacy: Boolean = false
      reverse: Boolean = false
    ): LocationConnection!
    inventoryItem(id: ID!): InventoryItem
    inventoryItems(
      first: Int
      after: String
      last: Int
      before: String
      query: String
      reverse: Boolean = false
    ): InventoryItemConnection!
    inventoryLevel(id: ID!): InventoryLevel
    product(id: ID!): Product
    products(
      first: Int
      after: String
      last: Int
      before: String
      query: String
      reverse: Boolean = false
    ): ProductConnection!
    productVariant(id: ID!): ProductVariant
    productVariants(
      first: Int
      after: String
      last: Int
      before: String
      query: String
      reverse: Boolean = false
    ): ProductVariantConnection!
    order(id: ID!): Order
    orders(
      first: Int
      after: String
      last: Int
      before: String
      query: String
      reverse: Boolean = false
    ): OrderConnection!
    fulfillmentOrder(id: ID!): FulfillmentOrder
    currentBulkOperation(type: BulkOperationType = QUERY): BulkOperation
  }

  type Mutation {
    inventoryMoveQuantities(input: InventoryMoveQuantitiesInput!): InventoryMoveQuantitiesPayload
    inventoryAdjustQuantities(
      input: InventoryAdjustQuantitiesInput!
    ): InventoryAdjustQuantitiesPayload
    inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload
    tagsAdd(id: ID!, tags: [String!]!): TagsAddPayload
    bulkOperationRunQuery(
      query: String!
      groupObjects: Boolean = false
    ): BulkOperationRunQueryPayload
  }

  schema {
    query: QueryRoot
    mutation: Mutation
  }
`;
