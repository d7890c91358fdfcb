import type { TrueshelfConfig } from '../../config/config-schema.js';
import type { Metrics } from '../../engine/metrics/metrics.js';
import type { Clock } from '../../shared/clock.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { Logger } from '../../shared/logger.js';
import { ClientCredentialsTokenProvider, staticAccessToken } from './access-token-provider.js';
import type { AccessTokenProvider } from './access-token-provider.js';
import { ShopifyAdminClient } from './shopify-admin-client.js';

/** The Admin API client from config: a static token, or the client-credentials grant. */
export function createShopifyClient(
  config: Readonly<TrueshelfConfig>,
  deps: { metrics: Metrics; logger: Logger; clock: Clock },
): ShopifyAdminClient {
  const { shopify } = config;
  const adminOrigin = shopify.adminUrl
    ? new URL(shopify.adminUrl).origin
    : `https://${shopify.shop}`;

  let tokens: AccessTokenProvider;
  if (shopify.accessToken) tokens = staticAccessToken(shopify.accessToken);
  else if (shopify.clientId && shopify.clientSecret) {
    tokens = new ClientCredentialsTokenProvider({
      adminOrigin,
      clientId: shopify.clientId,
      clientSecret: shopify.clientSecret,
      clock: deps.clock,
    });
  } else {
    tokens = {
      token: async () => {
        throw new TrueshelfError(
          'config_invalid',
          'no Shopify credentials: set TRUESHELF_SHOPIFY_ACCESS_TOKEN, or TRUESHELF_SHOPIFY_CLIENT_ID and TRUESHELF_SHOPIFY_CLIENT_SECRET',
          {},
        );
      },
    };
  }

  return new ShopifyAdminClient({
    shop: shopify.shop,
    adminOrigin,
    apiVersion: shopify.apiVersion,
    tokens,
    metrics: deps.metrics,
    logger: deps.logger.child({ scope: 'shopify' }),
    clock: deps.clock,
    pointsPerSecond: shopify.pointsPerSecond,
    requestTimeoutMs: shopify.requestTimeoutMs,
  });
}
