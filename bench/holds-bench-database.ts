import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { holdsDb } from '../src/engine/holds/holds-database.js';
import type { Storage } from '../src/storage/storage.js';

const SERVER =
  process.env['TRUESHELF_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type BenchEngine = 'sqlite' | 'postgres';

/**
 * A database of the bench's own: a SQLite file in a fresh temporary folder, or a fresh schema
 * on the local PostgreSQL (the connection's search_path points at it). `drop` removes it.
 */
export async function openBenchDatabase(
  engine: BenchEngine,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'trueshelf-holds-bench-'));
    return {
      url: `sqlite:${join(dir, 'holds.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }

  const url = new URL(SERVER);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`the holds bench only uses a loopback PostgreSQL, not ${url.hostname}`);
  }
  const schema = `bench_holds_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: () => adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/**
 * Items and their levels at one store, as a first read leaves them: `available` units each,
 * nothing placed, nothing held. Inserted in chunks, so 10,000 levels take a second, not a minute.
 * On PostgreSQL the tables are then analysed, as after any bulk load (autovacuum would do it
 * within a minute or so): without statistics the planner takes 10,000 rows for a few pages and
 * reads them all for a look-up by key.
 */
export async function seedLevels(
  storage: Storage,
  options: { itemIds: readonly string[]; location: string; available: number; at: string },
): Promise<void> {
  const db = holdsDb(storage.db);
  const chunk = 500;

  for (let start = 0; start < options.itemIds.length; start += chunk) {
    const ids = options.itemIds.slice(start, start + chunk);
    await db
      .insertInto('items')
      .values(
        ids.map((id) => ({
          id,
          sku: `SKU-${id}`,
          barcode: null,
          title: null,
          shopify_inventory_item_id: null,
          shopify_variant_id: null,
          tracked: 1,
          inventory_policy: 'deny',
          category: null,
          price_cents: null,
          cost_cents: null,
          deleted_at: null,
          updated_at: options.at,
        })),
      )
      .execute();
    await db
      .insertInto('levels')
      .values(
        ids.map((id) => ({
          item_id: id,
          location_handle: options.location,
          on_hand: options.available,
          available: options.available,
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
          read_at: options.at,
          changed_at: options.at,
        })),
      )
      .execute();
  }

  if (storage.dialect === 'postgres') await sql`ANALYZE items, levels`.execute(storage.db);
}
