import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../src/app/app-context.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { Metrics } from '../../../src/engine/metrics/metrics.js';
import { buildServer } from '../../../src/http/build-server.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { ShopifyAdminClient } from '../../../src/sources/shopify/shopify-admin-client.js';
import { openTestDatabase } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';

export const AUDIT_TOKENS = {
  read: 'token-audit-read-0123456789abcdef',
  write: 'token-audit-write-0123456789abcdef',
} as const;

export interface AuditTestServer {
  server: FastifyInstance;
  database: TestDatabase;
  clock: ManualClock;
  close(): Promise<void>;
}

/** The real server on the test engine (SQLite or PostgreSQL), with a fixed clock. */
export async function startAuditTestServer(
  now: string,
  shopify?: ShopifyAdminClient,
): Promise<AuditTestServer> {
  const database = await openTestDatabase();
  const config = loadConfig({
    env: { TRUESHELF_SHOPIFY_SHOP: 'audit-test.myshopify.com', TRUESHELF_SHOPIFY_MODE: 'publish' },
    flags: {
      tokens: [
        { name: 'auditor', token: AUDIT_TOKENS.read, scopes: ['read'] },
        { name: 'counter', token: AUDIT_TOKENS.write, scopes: ['read', 'write'] },
      ],
    },
  });
  const clock = new ManualClock(now);
  const ctx: AppContext = {
    config,
    storage: database.storage,
    metrics: new Metrics(),
    logger: silentLogger(),
    clock: clock.now,
    ...(shopify ? { shopify } : {}),
    wakeInbox: () => undefined,
    wakeOutbox: () => undefined,
  };
  const server = await buildServer(ctx);
  return {
    server,
    database,
    clock,
    close: async () => {
      await server.close();
      await database.close();
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
