import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock.js';
import { exportInventory } from '../../sources/shopify/bulk/export-inventory.js';
import type { ExportRecord } from '../../sources/shopify/bulk/export-inventory.js';
import { countVariantsUpTo, pageInventory } from '../../sources/shopify/bulk/page-inventory.js';
import type { ShopifyLevelRead } from '../../sources/shopify/read-levels.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { confirmLevelReads, emptyTally } from './confirm-level-reads.js';
import type { ConfirmTally } from './confirm-level-reads.js';
import { importShopLocations } from './import-shop-locations.js';
import type { MissingRegistryFact } from './import-shop-locations.js';
import { recordVariant } from './record-variant.js';

export type SyncMethod = 'bulk' | 'paged';

export interface SyncProgress {
  phase: 'locations' | 'exporting' | 'levels' | 'done';
  method: SyncMethod | null;
  items: number;
  levels: number;
  drift: number;
}

export interface SyncOptions {
  clock: Clock;
  modes: ChannelModes;
  /** `auto` takes the bulk path once the shop has more variants than `bulkThreshold`. */
  method?: SyncMethod | 'auto';
  bulkThreshold?: number;
  levelsPerQuery?: number;
  bulkPollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncReport extends ConfirmTally {
  runId: string;
  method: SyncMethod;
  locations: number;
  items: number;
  levels: number;
  /** What Shopify cannot tell and the config must: per location, time zone and store code. */
  missingRegistry: MissingRegistryFact[];
  startedAt: string;
  finishedAt: string;
}

const BATCH = 250;

/**
 * Copies the shop into the mirror and re-checks it: locations, items and every quantity state
 * of every level, through a bulk export (or paged queries for a small shop). The first run
 * records first reads; later runs (nightly) turn only confirmed differences into drift.
 */
export async function syncShop(
  storage: Storage,
  client: ShopifyAdminClient,
  options: SyncOptions,
): Promise<SyncReport> {
  const runId = randomUUID();
  const startedAt = options.clock().toISOString();
  const progress: SyncProgress = {
    phase: 'locations',
    method: null,
    items: 0,
    levels: 0,
    drift: 0,
  };
  options.onProgress?.({ ...progress });

  const registry = await importShopLocations(storage, client, options.clock);

  const method = await chooseMethod(client, options);
  progress.phase = 'exporting';
  progress.method = method;
  options.onProgress?.({ ...progress });

  const records: AsyncGenerator<ExportRecord> =
    method === 'bulk'
      ? exportInventory(client, { pollMs: options.bulkPollMs, sleep: options.sleep })
      : pageInventory(client);

  const tally = emptyTally();
  let batch: ShopifyLevelRead[] = [];
  const flush = async () => {
    const context = {
      runId,
      now: options.clock().toISOString(),
      modes: options.modes,
      levelsPerQuery: options.levelsPerQuery ?? 50,
      stampLeewayMs: 5_000,
    };
    await confirmLevelReads(storage, client, batch, context, tally);
    progress.levels += batch.length;
    progress.drift = tally.drift;
    batch = [];
    options.onProgress?.({ ...progress, phase: 'levels' });
  };

  for await (const record of records) {
    if (record.kind === 'variant') {
      await recordVariant(storage, record.variant, options.clock().toISOString());
      progress.items += 1;
      continue;
    }
    batch.push(record.read);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();

  options.onProgress?.({ ...progress, phase: 'done' });
  return {
    runId,
    method,
    locations: registry.locations,
    items: progress.items,
    levels: progress.levels,
    missingRegistry: registry.missing,
    ...tally,
    startedAt,
    finishedAt: options.clock().toISOString(),
  };
}

async function chooseMethod(client: ShopifyAdminClient, options: SyncOptions): Promise<SyncMethod> {
  const wanted = options.method ?? 'auto';
  if (wanted !== 'auto') return wanted;
  const threshold = options.bulkThreshold ?? 500;
  return (await countVariantsUpTo(client, threshold)) > threshold ? 'bulk' : 'paged';
}
