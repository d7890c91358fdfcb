/**
 * Every scalar setting: its path in the config object, its environment name, its default and
 * what it does. The loader reads environment and flags from this table, and a test checks that
 * the README's configuration reference names every entry.
 */
import { googleSettingEntries } from '../channels/google/google-settings.js';
import { bufferSettingEntries } from '../engine/buffers/buffer-settings.js';

export interface Setting {
  path: string;
  env: string;
  kind: 'string' | 'integer' | 'number' | 'boolean';
  default?: string | number | boolean;
  secret?: boolean;
  description: string;
}

export const settings: readonly Setting[] = [
  { path: 'port', env: 'PORT', kind: 'integer', default: 3000, description: 'HTTP port' },
  {
    path: 'host',
    env: 'TRUESHELF_HOST',
    kind: 'string',
    default: '127.0.0.1',
    description: 'HTTP bind address',
  },
  {
    path: 'databaseUrl',
    env: 'TRUESHELF_DATABASE_URL',
    kind: 'string',
    default: 'sqlite:./var/trueshelf.db',
    description: '`sqlite:PATH` (embedded) or `postgres://...`',
  },
  {
    path: 'postgres.maxConnections',
    env: 'TRUESHELF_POSTGRES_MAX_CONNECTIONS',
    kind: 'integer',
    default: 10,
    description:
      'connection pool size per instance (PostgreSQL only); deciding claimed levels takes 2 more of its own',
  },
  {
    path: 'postgres.statementTimeoutMs',
    env: 'TRUESHELF_POSTGRES_STATEMENT_TIMEOUT_MS',
    kind: 'integer',
    default: 15000,
    description: 'a statement running longer is cancelled by the server (PostgreSQL only)',
  },
  {
    path: 'logLevel',
    env: 'TRUESHELF_LOG_LEVEL',
    kind: 'string',
    default: 'info',
    description: 'pino log level',
  },
  {
    path: 'apiToken',
    env: 'TRUESHELF_API_TOKEN',
    kind: 'string',
    secret: true,
    description: 'one admin-scoped client token (named `env`) for quick set-ups',
  },
  {
    path: 'shopify.shop',
    env: 'TRUESHELF_SHOPIFY_SHOP',
    kind: 'string',
    default: '',
    description: 'shop domain, `name.myshopify.com`',
  },
  {
    path: 'shopify.apiVersion',
    env: 'TRUESHELF_SHOPIFY_API_VERSION',
    kind: 'string',
    default: '2026-04',
    description:
      'Admin API version (2026-04 or later: moves need `@idempotent` and `changeFromQuantity`)',
  },
  {
    path: 'shopify.adminUrl',
    env: 'TRUESHELF_SHOPIFY_ADMIN_URL',
    kind: 'string',
    description:
      'override of `https://{shop}` for the Admin API (the sandbox uses `http://127.0.0.1:PORT`)',
  },
  {
    path: 'shopify.accessToken',
    env: 'TRUESHELF_SHOPIFY_ACCESS_TOKEN',
    kind: 'string',
    secret: true,
    description: 'static Admin API token',
  },
  {
    path: 'shopify.clientId',
    env: 'TRUESHELF_SHOPIFY_CLIENT_ID',
    kind: 'string',
    description: 'app client id (client-credentials grant)',
  },
  {
    path: 'shopify.clientSecret',
    env: 'TRUESHELF_SHOPIFY_CLIENT_SECRET',
    kind: 'string',
    secret: true,
    description:
      'app client secret (grant, and the webhook HMAC key when no webhook secret is set)',
  },
  {
    path: 'shopify.webhookSecret',
    env: 'TRUESHELF_SHOPIFY_WEBHOOK_SECRET',
    kind: 'string',
    secret: true,
    description: 'key of `X-Shopify-Hmac-Sha256` (defaults to the client secret)',
  },
  {
    path: 'shopify.previousWebhookSecret',
    env: 'TRUESHELF_SHOPIFY_PREVIOUS_WEBHOOK_SECRET',
    kind: 'string',
    secret: true,
    description:
      'the old key, still accepted during a rotation (Shopify takes up to an hour to switch)',
  },
  {
    path: 'shopify.mode',
    env: 'TRUESHELF_SHOPIFY_MODE',
    kind: 'string',
    default: 'shadow',
    description: 'Shopify channel mode: `shadow` or `publish`',
  },
  {
    path: 'shopify.coalesceWindowMs',
    env: 'TRUESHELF_SHOPIFY_COALESCE_WINDOW_MS',
    kind: 'integer',
    default: 5,
    description: 'signals for the same level within this window share one re-read',
  },
  {
    path: 'shopify.levelsPerQuery',
    env: 'TRUESHELF_SHOPIFY_LEVELS_PER_QUERY',
    kind: 'integer',
    default: 50,
    description: 'levels re-read per GraphQL query',
  },
  {
    path: 'shopify.pointsPerSecond',
    env: 'TRUESHELF_SHOPIFY_POINTS_PER_SECOND',
    kind: 'number',
    default: 100,
    description: "the plan's restore rate; our budget never spends faster",
  },
  {
    path: 'shopify.requestTimeoutMs',
    env: 'TRUESHELF_SHOPIFY_REQUEST_TIMEOUT_MS',
    kind: 'integer',
    default: 30000,
    description: 'an Admin API call with no answer by then is abandoned and retried',
  },
  {
    path: 'shopify.maxPushAttempts',
    env: 'TRUESHELF_SHOPIFY_MAX_PUSH_ATTEMPTS',
    kind: 'integer',
    default: 8,
    description: 'attempts before a push is parked',
  },
  {
    path: 'shopify.nightlyRereadAtUtc',
    env: 'TRUESHELF_SHOPIFY_NIGHTLY_REREAD_AT_UTC',
    kind: 'string',
    default: '03:00',
    description:
      'UTC time (`HH:MM`) of the nightly full re-read that records missed signals as drift',
  },
  {
    path: 'shopify.appTomlPath',
    env: 'TRUESHELF_SHOPIFY_APP_TOML_PATH',
    kind: 'string',
    default: 'shopify.app.toml',
    description:
      'the app config whose webhook topics `/healthz` checks against what trueshelf needs',
  },
  {
    path: 'google.mode',
    env: 'TRUESHELF_GOOGLE_MODE',
    kind: 'string',
    default: 'shadow',
    description: 'Google channel mode: `shadow` or `publish`',
  },
  ...googleSettingEntries,
  ...netsuiteSettingEntries(),
  ...bufferSettingEntries,
  {
    path: 'holds.defaultTtlSeconds',
    env: 'TRUESHELF_HOLDS_DEFAULT_TTL_SECONDS',
    kind: 'integer',
    default: 600,
    description: 'how long a cart or pickup hold lasts when the request names no ttlSeconds',
  },
  {
    path: 'holds.maxTtlSeconds',
    env: 'TRUESHELF_HOLDS_MAX_TTL_SECONDS',
    kind: 'integer',
    default: 3600,
    description: 'the longest hold a request may ask for',
  },
  {
    path: 'holds.checkoutGraceSeconds',
    env: 'TRUESHELF_HOLDS_CHECKOUT_GRACE_SECONDS',
    kind: 'integer',
    default: 120,
    description:
      'after `checkout`, how long the order carrying the cart may still convert the hold',
  },
  {
    path: 'holds.sweepIntervalMs',
    env: 'TRUESHELF_HOLDS_SWEEP_INTERVAL_MS',
    kind: 'integer',
    default: 1000,
    description: 'how often expired holds are released durably',
  },
  {
    path: 'attribution.tagOrders',
    env: 'TRUESHELF_ATTRIBUTION_TAG_ORDERS',
    kind: 'boolean',
    default: true,
    description:
      'add the class tags (`source:pos`, `fulfillment:warehouse`…) to orders in Shopify; only while `shopify.mode` is `publish`',
  },
  {
    path: 'attribution.ecommerceTimeZone',
    env: 'TRUESHELF_ATTRIBUTION_ECOMMERCE_TIME_ZONE',
    kind: 'string',
    default: 'UTC',
    description: "IANA zone of e-commerce's day in the attribution report (stores use their own)",
  },
  {
    path: 'attribution.pollIntervalMs',
    env: 'TRUESHELF_ATTRIBUTION_POLL_INTERVAL_MS',
    kind: 'integer',
    default: 1000,
    description: 'idle poll of orders waiting to be attributed',
  },
  {
    path: 'outbox.pollIntervalMs',
    env: 'TRUESHELF_OUTBOX_POLL_INTERVAL_MS',
    kind: 'integer',
    default: 20,
    description: 'idle poll of the outbox',
  },
  {
    path: 'outbox.claimTtlSeconds',
    env: 'TRUESHELF_OUTBOX_CLAIM_TTL_SECONDS',
    kind: 'integer',
    default: 30,
    description: 'a claim older than this is taken over (a crashed worker)',
  },
  {
    path: 'outbox.backoffBaseMs',
    env: 'TRUESHELF_OUTBOX_BACKOFF_BASE_MS',
    kind: 'integer',
    default: 200,
    description: 'first retry delay; doubles per attempt',
  },
  {
    path: 'outbox.batchSize',
    env: 'TRUESHELF_OUTBOX_BATCH_SIZE',
    kind: 'integer',
    default: 20,
    description: 'rows claimed per poll',
  },
  {
    path: 'inbox.pollIntervalMs',
    env: 'TRUESHELF_INBOX_POLL_INTERVAL_MS',
    kind: 'integer',
    default: 20,
    description: 'idle poll of stored deliveries',
  },
  {
    path: 'inbox.maxBodyBytes',
    env: 'TRUESHELF_INBOX_MAX_BODY_BYTES',
    kind: 'integer',
    default: 2097152,
    description: 'largest webhook body accepted',
  },
  {
    path: 'api.requestsPerSecond',
    env: 'TRUESHELF_API_REQUESTS_PER_SECOND',
    kind: 'number',
    default: 100,
    description: 'sustained `/v1` requests per second per client token, per process; 0: no limit',
  },
  {
    path: 'api.burstRequests',
    env: 'TRUESHELF_API_BURST_REQUESTS',
    kind: 'integer',
    default: 300,
    description: '`/v1` requests a client token may send at once before the rate limit applies',
  },
];

/** Function declarations, so `settings` above can use them before this point is reached. */
function netsuite(
  name: string,
  kind: Setting['kind'],
  description: string,
  extra: Pick<Setting, 'default' | 'secret'> = {},
): Setting {
  return {
    path: `netsuite.${name}`,
    env: `TRUESHELF_NETSUITE_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
    kind,
    ...extra,
    description,
  };
}

function netsuiteSettingEntries(): Setting[] {
  return [
    netsuite('accountId', 'string', 'NetSuite account id (`1234567` or `1234567_SB1`); unset: off'),
    netsuite(
      'baseUrl',
      'string',
      'override of `https://{account}.suitetalk.api.netsuite.com` (the sandbox uses loopback)',
    ),
    netsuite('authScheme', 'string', '`m2m` (OAuth 2.0 client credentials) or `tba`', {
      default: 'm2m',
    }),
    netsuite('clientId', 'string', "M2M: the integration record's client id"),
    netsuite('certificateId', 'string', 'M2M: the certificate id from the M2M setup page'),
    netsuite('privateKey', 'string', 'M2M: PEM private key of the uploaded certificate', {
      secret: true,
    }),
    netsuite('jwtAlgorithm', 'string', 'M2M: PS256/384/512 or ES256/384/512 (not RS256)', {
      default: 'PS256',
    }),
    netsuite('consumerKey', 'string', "TBA: the integration record's consumer key"),
    netsuite('consumerSecret', 'string', 'TBA: consumer secret', { secret: true }),
    netsuite('tokenId', 'string', 'TBA: access token id'),
    netsuite('tokenSecret', 'string', 'TBA: access token secret', { secret: true }),
    netsuite(
      'maxConcurrentRequests',
      'integer',
      "our share of the account's concurrency limit (the connector needs the rest)",
      { default: 2 },
    ),
    netsuite(
      'inventoryTable',
      'string',
      '`aggregateItemLocation` (default) or `inventoryitemlocations`',
    ),
    netsuite('mode', 'string', 'NetSuite channel mode: `shadow` or `publish`', {
      default: 'shadow',
    }),
    netsuite('adjustmentAccountId', 'string', 'GL account count corrections are booked to'),
    netsuite('subsidiaryId', 'string', 'subsidiary of posted documents (OneWorld accounts)'),
    netsuite(
      'postSales',
      'boolean',
      'post store sales as cash sales (off: a connector already books them)',
      { default: false },
    ),
    netsuite(
      'connectorOrderDelaySeconds',
      'integer',
      'the longest the connector takes to book a sale; younger ones are in flight',
      { default: 1200 },
    ),
    netsuite(
      'reconcileLookbackHours',
      'number',
      'how far back sales may still explain a reconciliation difference',
      { default: 72 },
    ),
    netsuite(
      'pollIntervalSeconds',
      'number',
      "`serve`: seconds between reads of NetSuite's on hand changed since the last read",
      { default: 300 },
    ),
    netsuite(
      'fullReadAtUtc',
      'string',
      '`serve`: UTC time (`HH:MM`) after which the next read each day takes every row, dropping those NetSuite deleted',
      { default: '03:30' },
    ),
  ];
}
