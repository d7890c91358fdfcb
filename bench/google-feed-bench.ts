import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { writeLocalInventoryFeed } from '../src/channels/google/feed/write-local-inventory-feed.js';
import { googleSettingsFrom } from '../src/channels/google/google-settings.js';
import { googleFeedColumns, streamFeedRows } from '../src/channels/google/stream-feed-rows.js';
import { openStorage } from '../src/storage/open-storage.js';
import type { Storage } from '../src/storage/storage.js';

export interface GoogleFeedBenchResult {
  readonly rows: number;
  /** Streaming from the database and writing the file; filling the database is not counted. */
  readonly seconds: number;
  /** The highest resident set size sampled while the feed was written. */
  readonly peakRssMb: number;
  /** Resident set size just before the feed began (the filled database's cache included). */
  readonly startRssMb: number;
  readonly fileMb: number;
}

export interface GoogleFeedBenchOptions {
  readonly stores?: number;
  readonly items?: number;
  readonly format?: 'tsv' | 'xml';
}

const NOW = '2026-12-01T10:00:00.000Z';
const ITEMS_PER_INSERT = 1000;
const MB = 1024 * 1024;

/**
 * The full Google feed for stores × items rows (1,000,000 by default: 200 stores, 5,000 items)
 * through the real path: keyset pages from SQLite, the row mapper, the validator and the
 * streaming writer, to a temporary file. Goal: under 10 s and 200 MB.
 */
export async function runGoogleFeedBench(
  options: GoogleFeedBenchOptions = {},
): Promise<GoogleFeedBenchResult> {
  const stores = options.stores ?? 200;
  const items = options.items ?? 5000;
  const dir = mkdtempSync(join(tmpdir(), 'trueshelf-google-bench-'));
  const url = `sqlite:${join(dir, 'bench.db')}`;

  try {
    const filling = await openStorage(url);
    try {
      await fillChain(filling, stores, items);
    } finally {
      // Reopened below as `trueshelf feed google` would find it: no cache left from the fill.
      await filling.close();
    }

    const storage = await openStorage(url);
    try {
      return await measureFeed(storage, join(dir, 'local-inventory.tsv'), options.format ?? 'tsv');
    } finally {
      await storage.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureFeed(
  storage: Storage,
  file: string,
  format: 'tsv' | 'xml',
): Promise<GoogleFeedBenchResult> {
  const settings = googleSettingsFrom({ google: { deliveryPath: 'file' } });
  const startRss = process.memoryUsage.rss();
  let peakRss = startRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 10);

  const started = performance.now();
  const summary = await writeLocalInventoryFeed(
    streamFeedRows(storage.db, settings),
    createWriteStream(file),
    { format, columns: googleFeedColumns },
  ).finally(() => clearInterval(sampler));
  const seconds = (performance.now() - started) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());

  return {
    rows: summary.rows,
    seconds: round(seconds, 2),
    peakRssMb: round(peakRss / MB, 1),
    startRssMb: round(startRss / MB, 1),
    fileMb: round(statSync(file).size / MB, 1),
  };
}

/** Stores and items in batches, then every item × store decision in one INSERT ... SELECT. */
async function fillChain(storage: Storage, stores: number, items: number): Promise<void> {
  const { db } = storage;
  await db
    .insertInto('locations')
    .values(
      Array.from({ length: stores }, (_, s) => ({
        handle: `store-${String(s).padStart(4, '0')}`,
        name: `Store ${s}`,
        kind: 'store',
        time_zone: 'America/New_York',
        google_store_code: `STORE${String(s).padStart(4, '0')}`,
        shopify_location_id: String(70000000000 + s),
        netsuite_id: null,
        managed: 1,
        mode: 'publish',
        buffer_units: s % 7,
        pickup_enabled: s % 2,
        pickup_time_hours: s % 3 === 0 ? 30 : 2,
        fulfills_online: 1,
        active: 1,
        origin: 'config',
        updated_at: NOW,
      })),
    )
    .execute();

  await db.transaction().execute(async (trx) => {
    for (let from = 0; from < items; from += ITEMS_PER_INSERT) {
      const batch = Array.from({ length: Math.min(ITEMS_PER_INSERT, items - from) }, (_, k) => {
        const i = from + k;
        return {
          id: `item-${String(i).padStart(7, '0')}`,
          sku: i % 10 === 0 ? `SKU/${i}` : `SKU-${i}`,
          barcode: null,
          title: `Item ${i}`,
          shopify_inventory_item_id: String(44000000000 + i),
          shopify_variant_id: String(43000000000 + i),
          tracked: 1,
          inventory_policy: 'deny',
          category: null,
          price_cents: i % 13,
          cost_cents: null,
          deleted_at: null,
          updated_at: NOW,
        };
      });
      await trx.insertInto('items').values(batch).execute();
    }
  });

  // A spread of sellable 0-8 from the item and store, so every band appears.
  const sellable = sql<number>`(i.price_cents + l.buffer_units) % 9`;
  await db
    .insertInto('decisions')
    .columns([
      'item_id',
      'location_handle',
      'gross',
      'buffer',
      'held',
      'sellable',
      'target_safety_stock',
      'target_reserved',
      'version',
      'computed_at',
    ])
    .expression(
      db
        .selectFrom('items as i')
        .innerJoin('locations as l', (join) => join.onTrue())
        .select([
          'i.id',
          'l.handle',
          sellable.as('gross'),
          sql<number>`0`.as('buffer'),
          sql<number>`0`.as('held'),
          sellable.as('sellable'),
          sql<number>`0`.as('target_safety_stock'),
          sql<number>`0`.as('target_reserved'),
          sql<number>`1`.as('version'),
          sql<string>`${NOW}`.as('computed_at'),
        ]),
    )
    .execute();
}

function round(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runGoogleFeedBench();
  const rate = Math.round(result.rows / result.seconds);
  console.log(
    `google feed: ${result.rows} rows in ${result.seconds} s (${rate} rows/s), ` +
      `peak RSS ${result.peakRssMb} MB (${result.startRssMb} MB at start), ` +
      `file ${result.fileMb} MB; ` +
      'goal < 10 s, < 200 MB',
  );
}
