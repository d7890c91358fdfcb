/** Locations, catalog and inventory types (Shopify Admin GraphQL, 2026-04 names). */
export const INVENTORY_SDL = /* GraphQL */ `
  enum DeliveryLocalPickupTime {
    FIVE_OR_MORE_DAYS
    FOUR_HOURS
    ONE_HOUR
    TWENTY_FOUR_HOURS
    TWO_HOURS
    TWO_TO_FOUR_DAYS
    CUSTOM
  }

  type DeliveryLocalPickupSettings {
    instructions: String!
    pickupTime: DeliveryLocalPickupTime!
  }

  type LocationAddress {
    address1: String
    address2: String
    city: String
    country: String
    countryCode: String
    formatted: [String!]!
    phone: String
    province: String
    provinceCode: String
    zip: String
  }

  type Location implements Node {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
    isActive: Boolean!
    fulfillsOnlineOrders: Boolean!
    shipsInventory: Boolean!
    hasActiveInventory: Boolean!
    address: LocationAddress!
    localPickupSettingsV2: DeliveryLocalPickupSettings
    createdAt: DateTime!
    updatedAt: DateTime!
    inventoryLevel(inventoryItemId: ID!): InventoryLevel
    inventoryLevels(
      first: Int
      after: String
      last: Int
      before: String
      query: String
      reverse: Boolean = false
    ): InventoryLevelConnection!
  }

  type LocationEdge {
    cursor: String!
    node: Location!
  }

  type LocationConnection {
    edges: [LocationEdge!]!
    nodes: [Location!]!
    pageInfo: PageInfo!
  }

  enum ProductVariantInventoryPolicy {
    CONTINUE
    DENY
  }

  enum ProductStatus {
    ACTIVE
    ARCHIVED
    DRAFT
  }

  type Product implements Node {
    id: ID!
    legacyResourceId: UnsignedInt64!
    title: String!
    handle: String!
    status: ProductStatus!
    tags: [String!]!
    createdAt: DateTime!
    updatedAt: DateTime!
    variants(
      first: Int
      after: String
      last: Int
      before: String
      reverse: Boolean = false
    ): ProductVariantConnection!
  }

  type ProductEdge {
    cursor: String!
    node: Product!
  }

  type ProductConnection {
    edges: [ProductEdge!]!
    nodes: [Product!]!
    pageInfo: PageInfo!
  }

  type ProductVariant implements Node {
    id: ID!
    legacyResourceId: UnsignedInt64!
    title: String!
    displayName: String!
    sku: String
    barcode: String
    price: Money!
    inventoryPolicy: ProductVariantInventoryPolicy!
    inventoryQuantity: Int
    inventoryItem: InventoryItem!
    product: Product!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type ProductVariantEdge {
    cursor: String!
    node: ProductVariant!
  }

  type ProductVariantConnection {
    edges: [ProductVariantEdge!]!
    nodes: [ProductVariant!]!
    pageInfo: PageInfo!
  }

  type InventoryItem implements Node {
    id: ID!
    legacyResourceId: UnsignedInt64!
    sku: String
    tracked: Boolean!
    requiresShipping: Boolean!
    unitCost: MoneyV2
    createdAt: DateTime!
    updatedAt: DateTime!
    variant: ProductVariant!
    locationsCount: Count
    inventoryLevel(locationId: ID!): InventoryLevel
    inventoryLevels(
      first: Int
      after: String
      last: Int
      before: String
      query: String
      reverse: Boolean = false
    ): InventoryLevelConnection!
  }

  type InventoryItemEdge {
    cursor: String!
    node: InventoryItem!
  }

  type InventoryItemConnection {
    edges: [InventoryItemEdge!]!
    nodes: [InventoryItem!]!
    pageInfo: PageInfo!
  }

  type InventoryQuantity implements Node {
    id: ID!
    name: String!
    quantity: Int!
    updatedAt: DateTime
  }

  type InventoryLevel implements Node {
    id: ID!
    item: InventoryItem!
    location: Location!
    quantities(names: [String!]!): [InventoryQuantity!]!
    canDeactivate: Boolean!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type InventoryLevelEdge {
    cursor: String!
    node: InventoryLevel!
  }

  type InventoryLevelConnection {
    edges: [InventoryLevelEdge!]!
    nodes: [InventoryLevel!]!
    pageInfo: PageInfo!
  }
`;
