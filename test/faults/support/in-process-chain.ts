import { Writable } from 'node:stream';
import { startTrueshelf } from '../../../src/app/start-trueshelf.js';
import type { RunningTrueshelf } from '../../../src/app/start-trueshelf.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createLogger } from '../../../src/shared/logger.js';
import { signWebhookBody } from '../../../src/sources/shopify/verify-webhook-signature.js';
import { openTestDatabase } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import {
  ADMIN_TOKEN,
  importChain,
  SHOP,
  startChain,
  WEBHOOK_SECRET,
  writeChainConfig,
} from './serve-chain.js';
import type { Chain, ChainShape } from './serve-chain.js';

export const READ_TOKEN = 'fault-campaign-read-token-0002';

export interface InProcessChain {
  readonly chain: Chain;
  readonly database: TestDatabase;
  readonly running: RunningTrueshelf;
  /** Every log line written so far, as written (JSON text). */
  logText(): string;
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * trueshelf in this process on the test database, against the sandbox Shopify, every log line
 * captured at `logLevel` (trace by default, so nothing is hidden from a grep for secrets).
 */
export async function startInProcessChain(
  shape: ChainShape,
  flags: Record<string, unknown> = {},
  logLevel = 'trace',
  onChain: (chain: Chain) => void = () => undefined,
): Promise<InProcessChain> {
  const database = await openTestDatabase();
  const chain = await startChain(shape);
  onChain(chain);
  const configFile = writeChainConfig(chain, shape, database.url, {
    tokens: [
      { name: 'storefront', token: 'fault-campaign-write-token-0001', scopes: ['write'] },
      { name: 'reader', token: READ_TOKEN, scopes: ['read'] },
    ],
  });
  await importChain(database.storage, configFile);

  const chunks: string[] = [];
  const logger = createLogger({ level: logLevel, destination: collector(chunks) });
  const config = loadConfig({ file: configFile, flags: { port: 0, logLevel, ...flags } });
  const running = await startTrueshelf(config, { storage: database.storage, logger });
  chain.sandbox.webhooks.setTarget(`${running.url}/webhooks/shopify`);
  running.context.wakeOutbox();

  const settle = async () => {
    for (let round = 0; round < 50; round += 1) {
      const before = chain.sandbox.webhooks.sentCount;
      await chain.sandbox.webhooks.idle();
      await running.drain(30_000);
      await chain.sandbox.webhooks.idle();
      if (chain.sandbox.webhooks.sentCount === before) return;
    }
  };
  await settle();

  return {
    chain,
    database,
    running,
    logText: () => chunks.join(''),
    settle,
    close: async () => {
      await running.close();
      await chain.sandbox.close();
      await database.close();
    },
  };
}

/** The headers Shopify sends with a delivery, signed over `body`'s exact bytes. */
export function signedHeaders(
  body: string | Buffer,
  fields: { topic?: string; webhookId?: string; secret?: string } = {},
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-shopify-hmac-sha256': signWebhookBody(body, fields.secret ?? WEBHOOK_SECRET),
    'x-shopify-topic': fields.topic ?? 'inventory_levels/update',
    'x-shopify-shop-domain': SHOP,
    'x-shopify-api-version': '2026-04',
    'x-shopify-webhook-id': fields.webhookId ?? crypto.randomUUID(),
    'x-shopify-triggered-at': new Date().toISOString(),
    'x-shopify-event-id': crypto.randomUUID(),
  };
}

export { ADMIN_TOKEN, WEBHOOK_SECRET };

function collector(chunks: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
}
