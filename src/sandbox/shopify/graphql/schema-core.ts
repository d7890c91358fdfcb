/**
 * The shared part of the sandbox's Admin GraphQL schema: a faithful subset of Shopify's (real
 * type, field, argument and enum names; fields the sandbox has no data for are left out).
 */
export const CORE_SDL = /* GraphQL */ `
  directive @idempotent(key: String!) on FIELD

  scalar DateTime
  scalar Decimal
  scalar Money
  scalar UnsignedInt64
  scalar URL

  interface Node {
    id: ID!
  }

  interface DisplayableError {
    field: [String!]
    message: String!
  }

  type UserError implements DisplayableError {
    field: [String!]
    message: String!
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  enum CurrencyCode {
    CAD
    EUR
    GBP
    USD
  }

  enum CountPrecision {
    AT_LEAST
    EXACT
  }

  type Count {
    count: Int!
    precision: CountPrecision!
  }

  type MoneyV2 {
    amount: Decimal!
    currencyCode: CurrencyCode!
  }

  type Attribute {
    key: String!
    value: String
  }

  type Shop implements Node {
    id: ID!
    name: String!
    myshopifyDomain: String!
    currencyCode: CurrencyCode!
    timezoneOffsetMinutes: Int!
  }

  type TagsAddPayload {
    node: Node
    userErrors: [UserError!]!
  }
`;
