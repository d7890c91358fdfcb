import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCounts } from '../src/sources/counts/import-counts.js';
import { openStorage } from '../src/storage/open-storage.js';
import type { Storage } from '../src/storage/storage.js';

export interface AuditBenchResult {
  lines: number;
  /** Import and reconciliation of the file (seeding the books and writing the file excluded). */
  seconds: number;
  /** The largest resident set sampled during the import, in MiB. */
  peakRssMb: number;
}

const STORES = Number(process.env.BENCH_STORES ?? 100);
const ITEMS = 10_000;
const BOOKS_START = '2026-03-01T00:00:00.000Z';
const COUNTED_AT = '2026-03-02T09:00:00+10:00';
const AFTER_COUNT = '2026-03-02T05:00:00.000Z';

/**
 * A wall-to-wall count of a 100-store chain: 10,000 items × 100 stores = 1,000,000 lines,
 * against books with a first read per level and a sale after the count on every tenth level
 * (so the as-of replay has deltas to take back). Goal: under 15 s and 256 MiB.
 */
export async function runAuditBench(): Promise<AuditBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'trueshelf-audit-bench-'));
  const storage = await openStorage(`sqlite:${join(dir, 'bench.db')}`);
  try {
    await seedBooks(storage);
    const file = join(dir, 'counts.csv');
    await writeCountFile(file);

    const sampler = startRssSampler();
    const started = process.hrtime.bigint();
    const result = await importCounts(storage, createReadStream(file), {
      clock: () => new Date('2026-03-02T08:00:00.000Z'),
      sourceName: 'bench.csv',
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const peakRssMb = sampler.stop();

    if (!result.ok) throw new Error(`bench import was refused: ${result.reason}`);
    return { lines: result.lines, seconds: Math.round(seconds * 100) / 100, peakRssMb };
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function seedBooks(storage: Storage): Promise<void> {
  const db = storage.db;
  const locations = Array.from({ length: STORES }, (_, s) => ({
    handle: storeHandle(s),
    name: `Store ${s}`,
    kind: 'store',
    time_zone: 'Australia/Brisbane',
    google_store_code: null,
    shopify_location_id: null,
    netsuite_id: null,
    managed: 1,
    mode: 'shadow',
    buffer_units: 0,
    pickup_enabled: 0,
    pickup_time_hours: 2,
    fulfills_online: 1,
    active: 1,
    origin: 'config',
    updated_at: BOOKS_START,
  }));
  await db.insertInto('locations').values(locations).execute();

  for (let from = 0; from < ITEMS; from += 1000) {
    const items = Array.from({ length: 1000 }, (_, i) => ({
      id: `item-${from + i}`,
      sku: sku(from + i),
      barcode: `93${String(from + i).padStart(11, '0')}`,
      title: null,
      shopify_inventory_item_id: null,
      shopify_variant_id: null,
      tracked: 1,
      inventory_policy: null,
      category: `category-${(from + i) % 12}`,
      cost_cents: 100 + ((from + i) % 50) * 20,
      price_cents: 300 + ((from + i) % 50) * 60,
      deleted_at: null,
      updated_at: BOOKS_START,
    }));
    await db.insertInto('items').values(items).execute();
  }

  for (let s = 0; s < STORES; s += 1) {
    await db.transaction().execute(async (trx) => {
      for (let from = 0; from < ITEMS; from += 1000) {
        const levels = [];
        const movements = [];
        for (let i = from; i < from + 1000; i += 1) {
          const onHand = 5 + (i % 20);
          const sold = i % 10 === 0 ? 1 : 0;
          levels.push(level(i, s, onHand - sold));
          movements.push(movement(i, s, onHand, onHand, 'first_read', BOOKS_START));
          if (sold) movements.push(movement(i, s, -sold, onHand - sold, 'sold_and_taken', AFTER_COUNT));
        }
        await trx.insertInto('levels').values(levels).execute();
        for (let m = 0; m < movements.length; m += 1000) {
          await trx.insertInto('movements').values(movements.slice(m, m + 1000)).execute();
        }
      }
    });
  }
}

function level(item: number, store: number, onHand: number) {
  return {
    item_id: `item-${item}`,
    location_handle: storeHandle(store),
    on_hand: onHand,
    available: onHand,
    committed: 0,
    reserved: 0,
    safety_stock: 0,
    damaged: 0,
    quality_control: 0,
    incoming: 0,
    placed_safety_stock: 0,
    placed_reserved: 0,
    connected: 1,
    version: 1,
    in_flight_push: null,
    read_at: BOOKS_START,
    changed_at: BOOKS_START,
  };
}

function movement(item: number, store: number, delta: number, after: number, cause: string, at: string) {
  return {
    id: randomUUID(),
    item_id: `item-${item}`,
    location_handle: storeHandle(store),
    state: 'on_hand',
    delta,
    quantity_after: after,
    cause_kind: cause,
    cause_ref: null,
    source: 'bench',
    occurred_at: at,
    learned_at: at,
  };
}

async function writeCountFile(path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };

  await write('location,sku,counted_quantity,counted_at,counter,area\n');
  for (let s = 0; s < STORES; s += 1) {
    let chunk = '';
    for (let i = 0; i < ITEMS; i += 1) {
      // Every seventh level is a unit short: ghost units for the report to find.
      const counted = 5 + (i % 20) - (i % 7 === 0 ? 1 : 0);
      chunk += `${storeHandle(s)},${sku(i)},${counted},${COUNTED_AT},counter-${s % 9},floor\n`;
      if (chunk.length > 64_000) {
        await write(chunk);
        chunk = '';
      }
    }
    await write(chunk);
  }
  out.end();
  await once(out, 'finish');
}

function startRssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 25);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return Math.round(peak / 1024 / 102.4) / 10;
    },
  };
}

function storeHandle(s: number): string {
  return `store-${String(s).padStart(3, '0')}`;
}

function sku(i: number): string {
  return `SKU-${String(i).padStart(5, '0')}`;
}
