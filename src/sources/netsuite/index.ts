export { defaultNetSuiteBaseUrl, toHostAccountId, toRealmAccountId } from './account-id.js';
export { backoffDelayMs, defaultBackoffPolicy } from './concurrency-backoff.js';
export type { BackoffPolicy } from './concurrency-backoff.js';
export { ConcurrencyGate } from './concurrency-gate.js';
export { adjustmentBody, InventoryAdjustmentPoster } from './inventory-adjustment-poster.js';
export type {
  AdjustmentPosted,
  InventoryAdjustment,
  InventoryAdjustmentLine,
} from './inventory-adjustment.js';
export { inventoryTables } from './item-location-stock.js';
export type { InventoryTable, ItemLocationStock } from './item-location-stock.js';
export { ItemLocationStockReader, stockQuery } from './item-location-stock-reader.js';
export type { StockPage, StockRead, StockReadRequest } from './item-location-stock-reader.js';
export { M2mTokenSource } from './m2m-token-source.js';
export type { M2mAlgorithm, M2mCredentials, M2mScope } from './m2m-token-source.js';
export { createNetSuiteClient } from './netsuite-client.js';
export type { NetSuiteClient, NetSuiteClientOptions } from './netsuite-client.js';
export { NetSuiteError, netSuiteErrorCatalogue } from './netsuite-error.js';
export type { NetSuiteErrorCode, NetSuiteErrorDetail } from './netsuite-error.js';
export { NetSuiteTransport } from './netsuite-transport.js';
export type { NetSuiteRequest, NetSuiteResponse } from './netsuite-transport.js';
export {
  isConcurrencyRejection,
  netSuiteErrorFromResponse,
  parseNetSuiteErrorBody,
} from './parse-netsuite-error.js';
export { createRequestAuthorizer, TOKEN_PATH } from './request-authorizer.js';
export type { NetSuiteAuth, RequestAuthorizer } from './request-authorizer.js';
export { laterWatermark, watermarkWithOverlap } from './source-watermark.js';
export {
  MAX_PAGE_SIZE,
  MAX_ROWS_PER_QUERY,
  SUITEQL_PATH,
  SuiteQlClient,
} from './suiteql-client.js';
export type { SuiteQlPage, SuiteQlRow } from './suiteql-client.js';
export { suiteQlInteger, suiteQlTimestamp } from './suiteql-literal.js';
export { readFlag, readId, readQuantity } from './suiteql-values.js';
export { TbaSigner } from './tba-signer.js';
export type { TbaCredentials } from './tba-signer.js';
