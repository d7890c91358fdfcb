import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainWork } from '../../src/app/start-trueshelf.js';
import { systemClock } from '../../src/shared/clock.js';
import { spawnInstance } from '../support/instance-process.js';
import type { InstanceProcess } from '../support/instance-process.js';
import { openTestDatabase, testEngine } from '../support/test-storage.js';
import type { TestDatabase } from '../support/test-storage.js';
import { NO_FIGURES, recordCampaignFigures } from './support/campaign-figures.js';
import { signedHeaders } from './support/in-process-chain.js';
import { levelsUnlikeShopify } from './support/level-truth.js';
import { importChain, startChain, writeChainConfig } from './support/serve-chain.js';
import type { Chain, ChainShape } from './support/serve-chain.js';

const SHAPE: ChainShape = {
  stores: 4,
  skus: Array.from({ length: 25 }, (_, i) => `FL-${i}`),
  unitsPerLevel: 50,
  bufferUnits: 0,
  seed: 59,
};
/**
 * "Normal" is taken as 5 deliveries a second (a busy hour of a chain of about a hundred
 * stores); the flood is 20 times that. The issue asks for 60 s; the campaign runs 30 s so the
 * whole of it stays within CI time on 2 cores (TRUESHELF_FLOOD_SECONDS=60 runs the full one).
 */
const NORMAL_PER_SECOND = 5;
const FLOOD_PER_SECOND = 20 * NORMAL_PER_SECOND;
const FLOOD_SECONDS = Number(process.env['TRUESHELF_FLOOD_SECONDS'] ?? 30);
const SHOPIFY_TIMEOUT_MS = 5000;
const MAX_IN_FLIGHT = 500;
/** What the process may grow to while flooded, over its resident size before. */
const RSS_GROWTH_LIMIT_MB = 200;
const DRAIN_LIMIT_MS = 90_000;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * `trueshelf serve` flooded with signed `inventory_levels/update` deliveries at 20x the normal
 * rate: each must be stored and answered inside Shopify's 5 s timeout, the process's memory
 * must stay bounded, and the backlog must drain to a mirror equal to Shopify.
 */
describe(`flood: ${FLOOD_PER_SECOND} deliveries/s for ${FLOOD_SECONDS} s, on ${testEngine}`, () => {
  let database: TestDatabase;
  let chain: Chain;
  let instance: InstanceProcess;

  beforeAll(async () => {
    database = await openTestDatabase();
    chain = await startChain(SHAPE);
    const configFile = writeChainConfig(chain, SHAPE, database.url);
    await importChain(database.storage, configFile);
    instance = await spawnInstance(configFile);
  }, 90_000);

  afterAll(async () => {
    await instance?.kill('SIGKILL');
    await chain.sandbox.close();
    await database.close();
  });

  it(
    'every delivery is stored and acknowledged inside 5 s, memory stays bounded, the backlog drains',
    { timeout: FLOOD_SECONDS * 1000 + 180_000 },
    async () => {
      const pid = instance.child.pid ?? 0;
      const levels = chain.storeIds.flatMap((location) =>
        SHAPE.skus.map((sku) => ({ item: chain.itemIds[sku] ?? '', location })),
      );
      const rss = { before: rssMb(pid), peak: 0, samples: 0 };
      const sampler = setInterval(() => {
        rss.peak = Math.max(rss.peak, rssMb(pid));
        rss.samples += 1;
      }, 500);

      const latencies: number[] = [];
      const failures: string[] = [];
      const acknowledged = new Set<string>();
      const inFlight = new Set<Promise<void>>();
      const total = FLOOD_PER_SECOND * FLOOD_SECONDS;
      const startedAt = Date.now();
      for (let n = 0; n < total; n += 1) {
        // Paced on the wall clock, so a slow answer does not slow the flood down.
        const due = startedAt + (n * 1000) / FLOOD_PER_SECOND;
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
        while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);

        const level = levels[n % levels.length];
        const body = JSON.stringify({
          inventory_item_id: Number(level?.item),
          location_id: Number(level?.location),
          available: n % 50,
          updated_at: new Date().toISOString(),
        });
        const sentAt = Date.now();
        const sending = fetch(`${instance.url}/webhooks/shopify`, {
          method: 'POST',
          headers: signedHeaders(body, { webhookId: `flood-${n}` }),
          body,
          signal: AbortSignal.timeout(SHOPIFY_TIMEOUT_MS),
        })
          .then((response) => {
            latencies.push(Date.now() - sentAt);
            if (response.status === 200) acknowledged.add(`flood-${n}`);
            else failures.push(`flood-${n}: ${response.status}`);
          })
          .catch((error: unknown) => {
            failures.push(`flood-${n}: ${String(error)}`);
          })
          .finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      }
      await Promise.all(inFlight);
      const floodSeconds = (Date.now() - startedAt) / 1000;

      const drainStart = Date.now();
      await drainWork(database.storage, systemClock, DRAIN_LIMIT_MS);
      const drainMs = Date.now() - drainStart;
      clearInterval(sampler);

      const stored = await database.storage.db
        .selectFrom('deliveries')
        .select(['webhook_id', 'status'])
        .where('webhook_id', 'like', 'flood-%')
        .execute();
      const pending = stored.filter((d) => d.status === 'pending').length;
      const storedIds = new Set(stored.map((d) => d.webhook_id));
      // Lost means acknowledged and then not there; one answered late is Shopify's to retry.
      const lost = [...acknowledged].filter((id) => !storedIds.has(id));
      const sorted = [...latencies].sort((a, b) => a - b);
      const p = (q: number) =>
        sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      const unlike = await levelsUnlikeShopify(database.storage, chain.sandbox);
      recordCampaignFigures({
        ...NO_FIGURES,
        scenario: `flood (${testEngine})`,
        faultsInjected: 1,
        deliveries: total,
        lost: lost.length,
        duplicated: stored.length - new Set(stored.map((d) => d.webhook_id)).size,
        mismatchedLevels: unlike.length,
        notes: [
          `${total} signed deliveries in ${floodSeconds.toFixed(1)} s ` +
            `(${FLOOD_PER_SECOND}/s asked, 20x ${NORMAL_PER_SECOND}/s, ${FLOOD_SECONDS} s rather than 60 s); ` +
            `acknowledged p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${sorted.at(-1) ?? 0} ms; ` +
            `${failures.length} not acknowledged inside 5 s (${total - stored.length} of them not ` +
            `stored either: Shopify would retry those); RSS ${rss.before.toFixed(0)} MB before, ` +
            `peak ${rss.peak.toFixed(0)} MB (${rss.samples} samples); backlog drained in ` +
            `${(drainMs / 1000).toFixed(1)} s`,
        ],
      });

      expect(lost).toEqual([]);
      expect(failures).toEqual([]);
      expect(latencies).toHaveLength(total);
      expect(sorted.at(-1) ?? Infinity).toBeLessThan(SHOPIFY_TIMEOUT_MS);
      expect(stored).toHaveLength(total);
      expect(rss.peak - rss.before).toBeLessThan(RSS_GROWTH_LIMIT_MB);
      expect(pending).toBe(0);
      expect(drainMs).toBeLessThan(DRAIN_LIMIT_MS);
      expect(unlike).toEqual([]);
    },
  );
});
