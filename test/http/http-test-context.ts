import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/app/app-context.js';
import { loadConfig } from '../../src/config/load-config.js';
import { Metrics } from '../../src/engine/metrics/metrics.js';
import { buildServer } from '../../src/http/build-server.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createLogger, silentLogger } from '../../src/shared/logger.js';
import { signWebhookBody } from '../../src/sources/shopify/verify-webhook-signature.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';

export const SHOP = 'north-shelf.myshopify.com';
export const WEBHOOK_SECRET = 'whsec-current-4f1c9a7e2b';
export const PREVIOUS_WEBHOOK_SECRET = 'whsec-previous-88d0c3a1f5';
export const NOW = '2026-05-04T10:00:00.000Z';

/** One token per scope, plus the environment's admin token. */
export const TOKENS = {
  read: 'token-read-0123456789abcdef',
  write: 'token-write-0123456789abcdef',
  admin: 'token-admin-0123456789abcdef',
  env: 'token-env-admin-0123456789ab',
} as const;

export interface TestServer {
  server: FastifyInstance;
  ctx: AppContext;
  storage: Storage;
  metrics: Metrics;
  clock: ManualClock;
  wakes: { inbox: number; outbox: number };
  /** Log lines written so far, parsed (only when built with `captureLogs`). */
  logLines(): Record<string, unknown>[];
  close(): Promise<void>;
}

export interface TestServerOptions {
  captureLogs?: boolean;
  env?: Record<string, string>;
  /** More config, as flags (e.g. a `holds` policy). */
  flags?: Record<string, unknown>;
  /** A database of the caller's (e.g. `openTestDatabase()`, for both engines); it closes it. */
  storage?: Storage;
}

/** A real server on a real in-memory SQLite, with a fixed clock and counted wake-ups. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const config = loadConfig({
    env: {
      TRUESHELF_SHOPIFY_SHOP: SHOP,
      TRUESHELF_SHOPIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TRUESHELF_SHOPIFY_PREVIOUS_WEBHOOK_SECRET: PREVIOUS_WEBHOOK_SECRET,
      TRUESHELF_API_TOKEN: TOKENS.env,
      TRUESHELF_INBOX_MAX_BODY_BYTES: '4096',
      ...options.env,
    },
    flags: {
      tokens: [
        { name: 'storefront', token: TOKENS.read, scopes: ['read'] },
        { name: 'pos-bridge', token: TOKENS.write, scopes: ['read', 'write'] },
        { name: 'ops', token: TOKENS.admin, scopes: ['admin'] },
      ],
      ...options.flags,
    },
  });

  const chunks: string[] = [];
  const logger = options.captureLogs
    ? createLogger({ level: 'info', destination: collector(chunks) })
    : silentLogger();
  const storage = options.storage ?? (await openStorage('sqlite::memory:'));
  const metrics = new Metrics();
  const clock = new ManualClock(NOW);
  const wakes = { inbox: 0, outbox: 0 };

  const ctx: AppContext = {
    config,
    storage,
    metrics,
    logger,
    clock: clock.now,
    wakeInbox: () => {
      wakes.inbox += 1;
    },
    wakeOutbox: () => {
      wakes.outbox += 1;
    },
  };
  const server = await buildServer(ctx);

  return {
    server,
    ctx,
    storage,
    metrics,
    clock,
    wakes,
    logLines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    close: async () => {
      await server.close();
      if (!options.storage) await storage.close();
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The headers Shopify sends with a delivery, signed with `secret` over `body`'s exact bytes. */
export function deliveryHeaders(
  body: string | Buffer,
  fields: { topic?: string; webhookId?: string; secret?: string; triggeredAt?: string } = {},
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-shopify-hmac-sha256': signWebhookBody(body, fields.secret ?? WEBHOOK_SECRET),
    'x-shopify-topic': fields.topic ?? 'inventory_levels/update',
    'x-shopify-shop-domain': SHOP,
    'x-shopify-api-version': '2026-04',
    'x-shopify-webhook-id': fields.webhookId ?? 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    'x-shopify-triggered-at': fields.triggeredAt ?? '2026-05-04T09:59:58.120Z',
    'x-shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
  };
}

function collector(chunks: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
}
