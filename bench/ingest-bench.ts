import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTrueshelf } from '../src/app/start-trueshelf.js';
import { loadConfig } from '../src/config/load-config.js';
import { silentLogger } from '../src/shared/logger.js';
import {
  signWebhookBody,
  verifyWebhookSignature,
} from '../src/sources/shopify/verify-webhook-signature.js';
import { generateLoad, percentile } from './load-generator.js';
import type { LoadResult } from './load-generator.js';

const SECRET = 'bench-webhook-secret';

/** A signed `inventory_levels/update` delivery with a fresh webhook id each time. */
export function signedDelivery(
  i: number,
  shop = 'bench.myshopify.com',
): { headers: Record<string, string>; body: string } {
  // Written by hand, as Shopify does, so the id above 2^53 stays a bare JSON number.
  const item = (9007199254740993n + BigInt(i % 500)).toString();
  const body = `{"inventory_item_id":${item},"location_id":70011122233,"available":${i % 17},"updated_at":"${new Date().toISOString()}","admin_graphql_api_id":"gid://shopify/InventoryLevel/70011122233?inventory_item_id=${item}"}`;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'inventory_levels/update',
      'x-shopify-hmac-sha256': signWebhookBody(body, SECRET),
      'x-shopify-shop-domain': shop,
      'x-shopify-api-version': '2026-04',
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-triggered-at': new Date().toISOString(),
      'x-shopify-event-id': randomUUID(),
    },
  };
}

/**
 * Signed-delivery ingest: trueshelf's webhook route (verify, store in SQLite, answer 200)
 * against a bare node:http server that only verifies the signature and answers 200.
 * Measured on an ingest-only instance (workers off): storing and acknowledging is the path
 * Shopify's 5-second timeout depends on; applying runs behind it and may lag.
 */
export async function runIngestBench(options: {
  seconds: number;
  connections: number;
}): Promise<{ bare: LoadResult; trueshelf: LoadResult; ratio: number }> {
  const bareServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const valid = verifyWebhookSignature(
        Buffer.concat(chunks),
        req.headers['x-shopify-hmac-sha256'] as string | undefined,
        [SECRET],
      );
      res.writeHead(valid ? 200 : 401, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => bareServer.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/webhooks/shopify`;
  const bare = await generateLoad({
    url: bareUrl,
    connections: options.connections,
    seconds: options.seconds,
    maxRequests: 2_000_000,
    make: (i) => signedDelivery(i),
  });
  await new Promise<void>((resolve) => bareServer.close(() => resolve()));

  const dir = mkdtempSync(join(tmpdir(), 'trueshelf-bench-'));
  const config = loadConfig({
    flags: {
      port: 0,
      databaseUrl: `sqlite:${join(dir, 'bench.db')}`,
      'shopify.shop': 'bench.myshopify.com',
      'shopify.webhookSecret': SECRET,
      'shopify.accessToken': 'unused',
      'shopify.adminUrl': 'http://127.0.0.1:9',
      logLevel: 'silent',
    },
  });
  const running = await startTrueshelf(config, { logger: silentLogger(), workers: false });
  const trueshelf = await generateLoad({
    url: `${running.url}/webhooks/shopify`,
    connections: options.connections,
    seconds: options.seconds,
    maxRequests: 2_000_000,
    make: (i) => signedDelivery(i),
  });
  await running.close();
  rmSync(dir, { recursive: true, force: true });

  return { bare, trueshelf, ratio: trueshelf.perSecond / bare.perSecond };
}

export function describeLoad(result: LoadResult): string {
  return `${result.perSecond.toFixed(0)}/s (${result.ok} ok, ${result.failed} failed, p50 ${percentile(result.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(result.latenciesMs, 99).toFixed(1)} ms)`;
}
