export { startNetSuiteSandbox } from './start-netsuite-sandbox.js';
export type { NetSuiteSandbox, NetSuiteSandboxOptions } from './start-netsuite-sandbox.js';
export { NetSuiteSandboxStore } from './netsuite-sandbox-store.js';
export type {
  ConcurrencyFault,
  ItemLocationQuantities,
  SandboxInventoryAdjustment,
  SandboxItemLocation,
  ServedPage,
} from './netsuite-sandbox-store.js';
export { SandboxConnector } from './sandbox-connector.js';
export type { ConnectorOptions, ImportedOrder, SandboxShopifyOrder } from './sandbox-connector.js';
export type { SandboxM2mClient } from './m2m-grant.js';
export type { SandboxTbaCredentials } from './tba-verifier.js';
export { tbaBaseString, verifyTbaRequest } from './tba-verifier.js';
export { parseSuiteQl, SuiteQlSubsetError } from './suiteql-subset.js';
export { SandboxStockPush } from './sandbox-stock-push.js';
export type { PushedLevel, StockPush } from './sandbox-stock-push.js';
