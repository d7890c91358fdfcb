import { setTimeout as delay } from 'node:timers/promises';
import { systemClock } from '../../shared/clock.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { defaultNetSuiteBaseUrl, toHostAccountId, toRealmAccountId } from './account-id.js';
import type { BackoffPolicy } from './concurrency-backoff.js';
import { InventoryAdjustmentPoster } from './inventory-adjustment-poster.js';
import type { InventoryTable } from './item-location-stock.js';
import { ItemLocationStockReader } from './item-location-stock-reader.js';
import { NetSuiteTransport } from './netsuite-transport.js';
import { createRequestAuthorizer } from './request-authorizer.js';
import type { NetSuiteAuth } from './request-authorizer.js';
import { SuiteQlClient } from './suiteql-client.js';

export interface NetSuiteClientOptions {
  /** Either form: `1234567_SB1` or `1234567-sb1`. */
  readonly accountId: string;
  readonly auth: NetSuiteAuth;
  /** Defaults to the account's SuiteTalk host; tests and the demo pass the sandbox's URL. */
  readonly baseUrl?: string;
  readonly clock?: Clock;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Our share of the account's concurrency limit (default 2: the connector needs the rest). */
  readonly maxConcurrentRequests?: number;
  readonly backoff?: BackoffPolicy;
  readonly inventoryTable?: InventoryTable;
  readonly logger?: Logger;
}

export interface NetSuiteClient {
  readonly baseUrl: string;
  readonly hostAccountId: string;
  readonly realm: string;
  readonly transport: NetSuiteTransport;
  readonly suiteQl: SuiteQlClient;
  readonly stock: ItemLocationStockReader;
  readonly adjustments: InventoryAdjustmentPoster;
}

/** Builds the client for one account; nothing is sent until a method is called. */
export function createNetSuiteClient(options: NetSuiteClientOptions): NetSuiteClient {
  const baseUrl = (options.baseUrl ?? defaultNetSuiteBaseUrl(options.accountId)).replace(
    /\/+$/,
    '',
  );
  const clock = options.clock ?? systemClock;
  const fetchImpl = options.fetch ?? globalThis.fetch;

  const authorizer = createRequestAuthorizer({
    auth: options.auth,
    accountId: options.accountId,
    baseUrl,
    clock,
    fetch: fetchImpl,
  });
  const transport = new NetSuiteTransport({
    baseUrl,
    authorizer,
    fetch: fetchImpl,
    sleep: options.sleep ?? ((ms) => delay(ms)),
    random: options.random ?? Math.random,
    ...(options.maxConcurrentRequests !== undefined
      ? { maxConcurrentRequests: options.maxConcurrentRequests }
      : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const suiteQl = new SuiteQlClient(transport);

  return {
    baseUrl,
    hostAccountId: toHostAccountId(options.accountId),
    realm: toRealmAccountId(options.accountId),
    transport,
    suiteQl,
    stock: new ItemLocationStockReader(suiteQl, options.inventoryTable),
    adjustments: new InventoryAdjustmentPoster(transport),
  };
}
