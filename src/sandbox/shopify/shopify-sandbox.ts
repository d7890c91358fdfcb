import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../shared/clock.js';
import type { Clock } from '../../shared/clock.js';
import type { CommerceContext } from './commerce/commerce-context.js';
import { SandboxStore } from './commerce/sandbox-store.js';
import { adminSchema } from './graphql/admin-schema.js';
import { AdminGraphql } from './graphql/admin-graphql.js';
import { BulkOperations } from './graphql/bulk-operations.js';
import { CostBuckets } from './graphql/cost-bucket.js';
import { AccessTokens } from './http/access-tokens.js';
import { RequestFaults } from './http/request-faults.js';
import { createRequestHandler } from './http/sandbox-router.js';
import { InventoryWriter } from './inventory/inventory-writer.js';
import { MutationLog } from './inventory/mutation-log.js';
import { IdSequence } from './state/id-sequence.js';
import { RandomSource } from './state/random-source.js';
import { SandboxError } from './state/sandbox-error.js';
import { ShopState } from './state/shop-state.js';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';
import type { WebhookDelivery } from './webhooks/webhook-dispatcher.js';
import type { WebhookFaults } from './webhooks/webhook-faults.js';

export interface ShopifySandboxOptions {
  host?: string | undefined;
  port?: number | undefined;
  /** e.g. 'demo.myshopify.com'. */
  shop: string;
  accessToken: string;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** Signs every webhook (Shopify signs with the app's client secret). */
  webhookSecret: string;
  webhookUrl?: string | undefined;
  apiVersion?: string | undefined;
  clock?: Clock | undefined;
  /** Makes webhook ids, event ids, tokens and order tokens repeat from run to run. */
  seed?: number | undefined;
  bucketSize?: number | undefined;
  restoreRatePerSecond?: number | undefined;
  webhookRetryBaseMs?: number | undefined;
  webhookMaxRetries?: number | undefined;
  webhookTimeoutMs?: number | undefined;
  /** The shop's UTC offset for REST-style timestamps in payloads (default -300, "-05:00"). */
  timezoneOffsetMinutes?: number | undefined;
  currency?: string | undefined;
  scope?: string | undefined;
}

export interface SandboxWebhooks {
  setTarget(url: string | null, options?: { topics?: string[] }): void;
  setFaults(faults: WebhookFaults): void;
  idle(): Promise<void>;
  readonly sentCount: number;
  deliveries(): WebhookDelivery[];
}

export interface ShopifySandbox {
  url: string;
  store: SandboxStore;
  webhooks: SandboxWebhooks;
  mutationLog: MutationLog;
  /** Faults for the Admin API endpoint (429, 503, THROTTLED, hang, drop). */
  apiFaults: RequestFaults;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Starts a contract-faithful fake of one Shopify shop on loopback. */
export async function startShopifySandbox(options: ShopifySandboxOptions): Promise<ShopifySandbox> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host))
    throw new SandboxError('not_loopback', `The sandbox listens on loopback only, not ${host}.`);

  const clock = options.clock ?? systemClock;
  const random = new RandomSource(options.seed);
  const ids = new IdSequence();
  const state = new ShopState(ids);
  const apiVersion = options.apiVersion ?? '2026-04';
  const offsetMinutes = options.timezoneOffsetMinutes ?? -300;
  const currency = options.currency ?? 'USD';
  const webhooks = new WebhookDispatcher({
    shopDomain: options.shop,
    apiVersion,
    secret: options.webhookSecret,
    random,
    target: options.webhookUrl,
    retryBaseMs: options.webhookRetryBaseMs,
    maxRetries: options.webhookMaxRetries,
    timeoutMs: options.webhookTimeoutMs,
  });
  const commerce: CommerceContext = {
    state,
    payloads: { state, shopDomain: options.shop, currency, offsetMinutes },
    clock,
    random,
    defaultStaffId: ids.next(),
  };
  const store = new SandboxStore(commerce, webhooks);
  const mutationLog = new MutationLog();
  const writer = new InventoryWriter(store, mutationLog, clock);
  const schema = adminSchema();
  let baseUrl = '';
  const bulk = new BulkOperations(schema, ids, clock, () => baseUrl);
  const tokens = new AccessTokens({
    staticToken: options.accessToken,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope:
      options.scope ??
      'read_inventory,write_inventory,read_products,read_orders,read_locations,read_fulfillments',
    clock,
    random,
  });
  const apiFaults = new RequestFaults();
  const hung = new Set<ServerResponse>();

  const handler = createRequestHandler({
    tokens,
    bulk,
    control: { store, webhooks, apiFaults, mutationLog },
    admin: {
      graphql: new AdminGraphql(schema),
      tokens,
      buckets: new CostBuckets(
        options.bucketSize ?? 1000,
        options.restoreRatePerSecond ?? 100,
        clock,
      ),
      faults: apiFaults,
      random,
      hung,
      contextFor: (version) => ({
        state,
        store,
        writer,
        bulk,
        shopDomain: options.shop,
        currency,
        offsetMinutes,
        apiVersion: version,
        bulkMode: false,
      }),
    },
  });

  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    url: baseUrl,
    store,
    webhooks,
    mutationLog,
    apiFaults,
    close: async () => {
      webhooks.close();
      for (const res of hung) res.destroy();
      hung.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
