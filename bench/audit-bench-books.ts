import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

/**
 * The chain the audit bench counts: 10,000 items at each of `stores` stores, the books with a
 * first read per level and a sale after the count on every tenth level (so the as-of replay has
 * deltas to take back), and a wall-to-wall count file one unit short on every seventh item.
 */
const ITEMS = 10_000;
const BOOKS_START = '2026-03-01T00:00:00.000Z';
const COUNTED_AT = '2026-03-02T09:00:00+10:00';
const AFTER_COUNT = '2026-03-02T05:00:00.000Z';

/** What a right reconciliation finds: one ghost unit on every seventh item of every store. */
export function expectedGhostUnits(stores: number): number {
  return stores * Math.ceil(ITEMS / 7);
}

/**
 * Seeds the books straight through better-sqlite3 (prepared statements in one transaction):
 * setting the stage is not what is measured, and through the query builder it takes minutes.
 * The database must be migrated already.
 */
export function seedAuditBooks(path: string, stores: number): void {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  const location = db.prepare(
    `INSERT INTO locations (handle, name, kind, time_zone, managed, origin, updated_at)
     VALUES (?, ?, 'store', 'Australia/Brisbane', 1, 'config', ?)`,
  );
  const item = db.prepare(
    `INSERT INTO items (id, sku, barcode, category, cost_cents, price_cents, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const level = db.prepare(
    'INSERT INTO levels (item_id, location_handle, on_hand, available) VALUES (?, ?, ?, ?)',
  );
  const movement = db.prepare(
    `INSERT INTO movements (id, item_id, location_handle, state, delta, quantity_after,
       cause_kind, source, occurred_at, learned_at)
     VALUES (?, ?, ?, 'on_hand', ?, ?, ?, 'bench', ?, ?)`,
  );

  db.transaction(() => {
    for (let s = 0; s < stores; s += 1) location.run(storeHandle(s), `Store ${s}`, BOOKS_START);
    for (let i = 0; i < ITEMS; i += 1) {
      item.run(
        itemId(i),
        sku(i),
        `93${String(i).padStart(11, '0')}`,
        `category-${i % 12}`,
        100 + (i % 50) * 20,
        300 + (i % 50) * 60,
        BOOKS_START,
      );
    }
    let m = 0;
    const nextId = () => `m-${String((m += 1)).padStart(9, '0')}`;
    for (let s = 0; s < stores; s += 1) {
      for (let i = 0; i < ITEMS; i += 1) {
        const onHand = 5 + (i % 20);
        const sold = i % 10 === 0 ? 1 : 0;
        level.run(itemId(i), storeHandle(s), onHand - sold, onHand - sold);
        movement.run(
          nextId(),
          itemId(i),
          storeHandle(s),
          onHand,
          onHand,
          'first_read',
          BOOKS_START,
          BOOKS_START,
        );
        if (sold)
          movement.run(
            nextId(),
            itemId(i),
            storeHandle(s),
            -sold,
            onHand - sold,
            'sold_and_taken',
            AFTER_COUNT,
            AFTER_COUNT,
          );
      }
    }
  })();
  db.close();
}

/** The count file, store after store as a counting team would hand it in. */
export async function writeAuditCountFile(path: string, stores: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };

  await write('location,sku,counted_quantity,counted_at,counter,area\n');
  for (let s = 0; s < stores; s += 1) {
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

function itemId(i: number): string {
  return `item-${String(i).padStart(5, '0')}`;
}

function storeHandle(s: number): string {
  return `store-${String(s).padStart(3, '0')}`;
}

function sku(i: number): string {
  return `SKU-${String(i).padStart(5, '0')}`;
}
