/** Inventory mutations: inputs, payloads and user-error enums (2026-04 values). */
export const INVENTORY_MUTATIONS_SDL = /* GraphQL */ `
  type InventoryChange {
    name: String!
    delta: Int!
    quantityAfterChange: Int
    ledgerDocumentUri: String
    item: InventoryItem
    location: Location
  }

  type InventoryAdjustmentGroup implements Node {
    id: ID!
    createdAt: DateTime!
    reason: String!
    referenceDocumentUri: String
    changes(
      inventoryItemIds: [ID!]
      locationIds: [ID!]
      quantityNames: [String!]
    ): [InventoryChange!]!
  }

  input InventoryMoveQuantityTerminalInput {
    locationId: ID!
    name: String!
    ledgerDocumentUri: String
    changeFromQuantity: Int
  }

  input InventoryMoveQuantityChange {
    inventoryItemId: ID!
    quantity: Int!
    from: InventoryMoveQuantityTerminalInput!
    to: InventoryMoveQuantityTerminalInput!
  }

  input InventoryMoveQuantitiesInput {
    reason: String!
    referenceDocumentUri: String!
    changes: [InventoryMoveQuantityChange!]!
  }

  input InventoryChangeInput {
    delta: Int!
    inventoryItemId: ID!
    locationId: ID!
    ledgerDocumentUri: String
    changeFromQuantity: Int
  }

  input InventoryAdjustQuantitiesInput {
    name: String!
    reason: String!
    referenceDocumentUri: String
    changes: [InventoryChangeInput!]!
  }

  input InventoryQuantityInput {
    inventoryItemId: ID!
    locationId: ID!
    quantity: Int!
    compareQuantity: Int
    changeFromQuantity: Int
  }

  input InventorySetQuantitiesInput {
    name: String!
    reason: String!
    referenceDocumentUri: String
    ignoreCompareQuantity: Boolean = false
    quantities: [InventoryQuantityInput!]!
  }

  enum InventoryMoveQuantitiesUserErrorCode {
    CHANGE_FROM_QUANTITY_STALE
    DIFFERENT_LOCATIONS
    IDEMPOTENCY_CONCURRENT_REQUEST
    IDEMPOTENCY_KEY_PARAMETER_MISMATCH
    IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED
    INTERNAL_LEDGER_DOCUMENT
    INVALID_AVAILABLE_DOCUMENT
    INVALID_INVENTORY_ITEM
    INVALID_LEDGER_DOCUMENT
    INVALID_LOCATION
    INVALID_QUANTITY_DOCUMENT
    INVALID_QUANTITY_NAME
    INVALID_QUANTITY_NEGATIVE
    INVALID_QUANTITY_TOO_HIGH
    INVALID_REASON
    INVALID_REFERENCE_DOCUMENT
    ITEM_NOT_STOCKED_AT_LOCATION
    MAXIMUM_LEDGER_DOCUMENT_URIS
    MOVE_QUANTITIES_FAILED
    NON_MUTABLE_INVENTORY_ITEM
    SAME_QUANTITY_NAME
    SERVICE_UNAVAILABLE
  }

  enum InventoryAdjustQuantitiesUserErrorCode {
    ADJUST_QUANTITIES_FAILED
    CHANGE_FROM_QUANTITY_STALE
    IDEMPOTENCY_CONCURRENT_REQUEST
    IDEMPOTENCY_KEY_PARAMETER_MISMATCH
    IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED
    INTERNAL_LEDGER_DOCUMENT
    INVALID_AVAILABLE_DOCUMENT
    INVALID_INVENTORY_ITEM
    INVALID_LEDGER_DOCUMENT
    INVALID_LOCATION
    INVALID_QUANTITY_DOCUMENT
    INVALID_QUANTITY_NAME
    INVALID_QUANTITY_TOO_HIGH
    INVALID_QUANTITY_TOO_LOW
    INVALID_REASON
    INVALID_REFERENCE_DOCUMENT
    ITEM_NOT_STOCKED_AT_LOCATION
    MAX_ONE_LEDGER_DOCUMENT
    NON_MUTABLE_INVENTORY_ITEM
    SERVICE_UNAVAILABLE
  }

  enum InventorySetQuantitiesUserErrorCode {
    CHANGE_FROM_QUANTITY_STALE
    COMPARE_QUANTITY_REQUIRED
    COMPARE_QUANTITY_STALE
    IDEMPOTENCY_CONCURRENT_REQUEST
    IDEMPOTENCY_KEY_PARAMETER_MISMATCH
    IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED
    INVALID_INVENTORY_ITEM
    INVALID_LOCATION
    INVALID_NAME
    INVALID_QUANTITY_NEGATIVE
    INVALID_QUANTITY_TOO_HIGH
    INVALID_QUANTITY_TOO_LOW
    INVALID_REASON
    INVALID_REFERENCE_DOCUMENT
    ITEM_NOT_STOCKED_AT_LOCATION
    NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR
    NON_MUTABLE_INVENTORY_ITEM
  }

  type InventoryMoveQuantitiesUserError implements DisplayableError {
    code: InventoryMoveQuantitiesUserErrorCode
    field: [String!]
    message: String!
  }

  type InventoryAdjustQuantitiesUserError implements DisplayableError {
    code: InventoryAdjustQuantitiesUserErrorCode
    field: [String!]
    message: String!
  }

  type InventorySetQuantitiesUserError implements DisplayableError {
    code: InventorySetQuantitiesUserErrorCode
    field: [String!]
    message: String!
  }

  type InventoryMoveQuantitiesPayload {
    inventoryAdjustmentGroup: InventoryAdjustmentGroup
    userErrors: [InventoryMoveQuantitiesUserError!]!
  }

  type InventoryAdjustQuantitiesPayload {
    inventoryAdjustmentGroup: InventoryAdjustmentGroup
    userErrors: [InventoryAdjustQuantitiesUserError!]!
  }

  type InventorySetQuantitiesPayload {
    inventoryAdjustmentGroup: InventoryAdjustmentGroup
    userErrors: [InventorySetQuantitiesUserError!]!
  }
`;
