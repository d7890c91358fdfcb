import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Metrics } from '../../../src/engine/metrics/metrics.js';
import { startShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import type { ShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import { ManualClock, systemClock } from '../../../src/shared/clock.js';
import { TrueshelfError } from '../../../src/shared/error-catalogue.js';
import { silentLogger } from '../../../src/shared/logger.js';
import {
  ClientCredentialsTokenProvider,
  staticAccessToken,
} from '../../../src/sources/shopify/access-token-provider.js';
import type { AccessTokenProvider } from '../../../src/sources/shopify/access-token-provider.js';
import { readLevels } from '../../../src/sources/shopify/read-levels.js';
import { ShopifyAdminClient } from '../../../src/sources/shopify/shopify-admin-client.js';

describe('ShopifyAdminClient against the sandbox', () => {
  let sandbox: ShopifySandbox;
  let level: { shopifyItemId: string; shopifyLocationId: string };
  const sleeps: number[] = [];

  beforeEach(async () => {
    sleeps.length = 0;
    sandbox = await startShopifySandbox({
      shop: 'client.myshopify.com',
      accessToken: 'shpat_static',
      clientId: 'app-id',
      clientSecret: 'app-secret',
      webhookSecret: 'x',
    });
    const location = sandbox.store.createLocation({ name: 'Store' });
    const item =
      sandbox.store.createProduct({ title: 'T', variants: [{ sku: 'T-1' }] }).variants[0]
        ?.inventoryItemId ?? '';
    sandbox.store.connectLevel({ inventoryItemId: item, locationId: location.id, available: 6 });
    level = { shopifyItemId: item, shopifyLocationId: location.id };
  });
  afterEach(async () => sandbox.close());

  function client(options: { maxAttempts?: number; tokens?: AccessTokenProvider } = {}) {
    return new ShopifyAdminClient({
      shop: 'client.myshopify.com',
      adminOrigin: sandbox.url,
      apiVersion: '2026-04',
      tokens: options.tokens ?? staticAccessToken('shpat_static'),
      metrics: new Metrics(),
      logger: silentLogger(),
      clock: systemClock,
      pointsPerSecond: 1000,
      maxAttempts: options.maxAttempts ?? 6,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
  }

  it('reads every quantity state of a level, ids kept as strings', async () => {
    const { reads } = await readLevels(client(), [level]);

    expect(reads).toHaveLength(1);
    expect(reads[0]?.shopifyItemId).toBe(level.shopifyItemId);
    expect(reads[0]?.quantities).toMatchObject({ available: 6, on_hand: 6, committed: 0 });
  });

  it('backs off and retries a THROTTLED answer (HTTP 200) and a 429 with Retry-After', async () => {
    sandbox.apiFaults.inject({ kind: 'throttled' });
    sandbox.apiFaults.inject({ kind: 'http_429', retryAfter: '2.0' });

    const { reads } = await readLevels(client(), [level]);

    expect(reads[0]?.quantities.available).toBe(6);
    // The 429's Retry-After is seconds: 2.0 s → 2,000 ms; the THROTTLED wait comes from the cost.
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBe(2000);
  });

  it('gives up with a coded error after its attempts, never retrying forever', async () => {
    sandbox.apiFaults.inject({ kind: 'http_503', count: 5 });

    const failure = await readLevels(client({ maxAttempts: 3 }), [level]).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(TrueshelfError);
    expect((failure as TrueshelfError).code).toBe('shopify_api_error');
    expect((failure as TrueshelfError).details['attempts']).toBe(3);
  });

  it('gets a token by the client-credentials grant and refreshes it before its 24 hours run out', async () => {
    const clock = new ManualClock('2026-12-01T00:00:00Z');
    const tokens = new ClientCredentialsTokenProvider({
      adminOrigin: sandbox.url,
      clientId: 'app-id',
      clientSecret: 'app-secret',
      clock: clock.now,
    });

    const first = await tokens.token();
    clock.advance(60 * 60 * 1000);
    expect(await tokens.token()).toBe(first);
    clock.advance(23 * 60 * 60 * 1000 - 5 * 60 * 1000);
    const second = await tokens.token();

    expect(second).not.toBe(first);
    const { reads } = await readLevels(client({ tokens }), [level]);
    expect(reads).toHaveLength(1);
  });
});
