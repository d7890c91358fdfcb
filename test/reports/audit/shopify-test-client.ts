import { Metrics } from '../../../src/engine/metrics/metrics.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { staticAccessToken } from '../../../src/sources/shopify/access-token-provider.js';
import { ShopifyAdminClient } from '../../../src/sources/shopify/shopify-admin-client.js';

/** The real Admin API client, aimed at a fake on loopback, with no waiting between retries. */
export function shopifyTestClient(adminOrigin: string, clock: () => Date): ShopifyAdminClient {
  return new ShopifyAdminClient({
    shop: 'audit-test.myshopify.com',
    adminOrigin,
    apiVersion: '2026-04',
    tokens: staticAccessToken('test-token'),
    metrics: new Metrics(),
    logger: silentLogger(),
    clock,
    pointsPerSecond: 1000,
    maxAttempts: 2,
    sleep: async () => undefined,
  });
}
