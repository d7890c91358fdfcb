/**
 * Transfers and their shipments, as far as a webhook consumer needs them: which items move
 * between which locations. (Shopify's `InventoryTransfer` / `InventoryShipment` objects carry
 * far more; these fields keep their real names.)
 */
export const TRANSFERS_SDL = /* GraphQL */ `
  enum InventoryTransferStatus {
    DRAFT
    READY_TO_SHIP
    IN_PROGRESS
    TRANSFERRED
    CANCELED
  }

  type InventoryTransferLineItem {
    id: ID!
    inventoryItem: InventoryItem
    totalQuantity: Int!
  }

  type InventoryTransferLineItemConnection {
    nodes: [InventoryTransferLineItem!]!
    pageInfo: PageInfo!
  }

  type LocationSnapshot {
    name: String!
    location: Location
  }

  type InventoryTransfer implements Node {
    id: ID!
    name: String!
    status: InventoryTransferStatus!
    origin: LocationSnapshot
    destination: LocationSnapshot
    lineItems(first: Int, after: String): InventoryTransferLineItemConnection!
  }

  type InventoryShipmentLineItem {
    id: ID!
    inventoryItem: InventoryItem
    quantity: Int!
    acceptedQuantity: Int!
    rejectedQuantity: Int!
  }

  type InventoryShipmentLineItemConnection {
    nodes: [InventoryShipmentLineItem!]!
    pageInfo: PageInfo!
  }

  type InventoryShipment implements Node {
    id: ID!
    name: String!
    lineItems(first: Int, after: String): InventoryShipmentLineItemConnection!
  }
`;
