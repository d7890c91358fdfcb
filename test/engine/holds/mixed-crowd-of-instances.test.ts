import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import type { HoldLineInput } from '../../../src/engine/holds/resolve-hold-lines.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import type { CrowdAnswer, CrowdOrders } from './mixed-crowd-body.js';
import { T0, holdService, seedLevel } from './hold-fixture.js';

const INSTANCES = 3;
/** Another seed draws another crowd: TRUESHELF_CROWD_SEED=n. */
const SEED = Number(process.env['TRUESHELF_CROWD_SEED'] ?? 7);

/** One instance in its own thread with its own connection, as a second process would have. */
function runInstance(orders: CrowdOrders): Promise<CrowdAnswer[]> {
  const worker = new Worker(new URL('./mixed-crowd-worker.mjs', import.meta.url), {
    workerData: orders,
  });
  return new Promise<CrowdAnswer[]>((resolve, reject) => {
    worker.once('message', (answers: CrowdAnswer[]) => resolve(answers));
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}

function groupBy<T>(values: readonly T[], keyOf: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values)
    groups.set(keyOf(value), [...(groups.get(keyOf(value)) ?? []), value]);
  return groups;
}

/** The lines summed per level, as text: what a hold's rows should be, all or nothing. */
function demandOf(lines: readonly HoldLineInput[]): string {
  const byLevel = new Map<string, number>();
  for (const line of lines) {
    const item = line.item ?? (line.sku ?? '').replace(/^SKU-/, '');
    const key = `${line.location}/${item}`;
    byLevel.set(key, (byLevel.get(key) ?? 0) + line.quantity);
  }
  return [...byLevel.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([level, quantity]) => `${level}×${quantity}`)
    .join(' ');
}

/**
 * Three instances, each on its own connection, each sending 90 holds in waves of 30: first
 * holds and replacements of 30 shared carts, keys sent again with the same body from every
 * instance, keys sent with different bodies, multi-line holds, two lines for one item, lines
 * by SKU, a level that does not exist, and a level whose holds expired unreleased.
 */
describe(`a mixed crowd of holds from three instances, on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    const storage = database.storage;
    // downtown keeps 1 unit of each item back; uptown none. cap is not stocked at uptown.
    await seedLevel(storage, { item: 'tee', location: 'downtown', available: 40, bufferUnits: 1 });
    await seedLevel(storage, { item: 'cap', location: 'downtown', available: 16 });
    await seedLevel(storage, { item: 'pin', location: 'downtown', available: 4 });
    await seedLevel(storage, { item: 'tee', location: 'uptown', available: 20, bufferUnits: 0 });
    await seedLevel(storage, { item: 'mug', location: 'uptown', available: 8 });

    // Holds placed 10 minutes ago for 5: expired, not yet released. One is a crowd cart's.
    const earlier = holdService(storage, new ManualClock('2026-06-01T11:50:00.000Z'));
    const old = [
      { cartId: 'c-0', lines: [{ item: 'pin', location: 'downtown', quantity: 3 }] },
      { cartId: 'old-cart', lines: [{ item: 'tee', location: 'downtown', quantity: 2 }] },
    ];
    for (const [n, hold] of old.entries()) {
      const placed = await earlier.place({
        client: 'storefront',
        idempotencyKey: `old-${n}`,
        ttlSeconds: 300,
        ...hold,
      });
      expect(placed.kind).toBe('placed');
    }
  });
  afterEach(async () => database.close());

  it('keeps every promise: units, keys, carts, all-or-nothing holds and the books', async () => {
    const perInstance = await Promise.all(
      Array.from({ length: INSTANCES }, (_, instance) =>
        runInstance({ url: database.url, instance, requests: 90, wave: 30, seed: SEED, now: T0 }),
      ),
    );
    const answers = perInstance.flat();
    if (process.env['TRUESHELF_CROWD_VERBOSE'])
      console.log(
        JSON.stringify(
          groupBy(answers, (a) => a.kind),
          (_k, v) => (Array.isArray(v) ? v.length : v instanceof Map ? Object.fromEntries(v) : v),
        ),
      );
    const db = holdsDb(database.storage.db);

    // Nothing failed.
    expect(answers.filter((a) => a.kind === 'threw').map((a) => a.why)).toEqual([]);

    // A key names one hold, the one its row names, placed once; a replay has the placed body.
    const requests = await db.selectFrom('hold_requests').selectAll().execute();
    const recorded = new Map(requests.map((row) => [row.idempotency_key, row.hold_id]));
    const byKey = groupBy(answers, (answer) => answer.key);
    for (const [key, keyed] of byKey) {
      const named = keyed.filter((a) => a.kind === 'placed' || a.kind === 'replayed');
      const ids = new Set(named.map((a) => a.holdId));
      expect({ key, ids: ids.size <= 1 }).toEqual({ key, ids: true });
      expect({ key, placed: keyed.filter((a) => a.kind === 'placed').length <= 1 }).toEqual({
        key,
        placed: true,
      });
      if (named.length > 0)
        expect({ key, id: recorded.get(key) }).toEqual({ key, id: [...ids][0] });
      const bodies = new Set(named.map((a) => `${a.cartId} ${demandOf(a.lines)}`));
      expect({ key, bodies: bodies.size }).toEqual({ key, bodies: Math.min(1, named.length) });
      for (const mismatch of keyed.filter((a) => a.kind === 'idempotency_mismatch')) {
        expect({ key, id: mismatch.holdId }).toEqual({ key, id: recorded.get(key) });
      }
      if (key.startsWith('dup-')) {
        expect(keyed.filter((a) => a.kind === 'idempotency_mismatch')).toEqual([]);
      }
      // A refused request wrote nothing: a key only ever refused has no row.
      if (named.length === 0 && !keyed.some((a) => a.kind === 'idempotency_mismatch')) {
        expect({ key, row: recorded.has(key) }).toEqual({ key, row: false });
      }
    }

    // A cart's placements in the run all name its one hold, and it has one active hold.
    const holds = await db.selectFrom('holds').select(['id', 'cart_id', 'status']).execute();
    const placedAnswers = answers.filter((a) => a.kind === 'placed' || a.kind === 'replayed');
    for (const [cart, placed] of groupBy(placedAnswers, (answer) => answer.cartId)) {
      const ids = new Set(placed.map((a) => a.holdId));
      expect({ cart, ids: ids.size }).toEqual({ cart, ids: 1 });
      const active = holds.filter((h) => h.cart_id === cart && h.status === 'active');
      expect({ cart, active: active.map((h) => h.id) }).toEqual({ cart, active: [...ids] });
    }

    // Each active hold's lines are exactly one placed body of its hold: all or nothing.
    const lines = await db
      .selectFrom('hold_lines')
      .selectAll()
      .where('left_at', 'is', null)
      .execute();
    for (const hold of holds.filter((h) => h.status === 'active' && !h.cart_id.startsWith('old'))) {
      if (hold.cart_id === 'c-0' && !placedAnswers.some((a) => a.holdId === hold.id)) continue;
      const rows = lines.filter((line) => line.hold_id === hold.id);
      const written = demandOf(
        rows.map((row) => ({
          item: row.item_id,
          location: row.location_handle,
          quantity: row.quantity,
        })),
      );
      const bodies = new Set(
        placedAnswers.filter((a) => a.holdId === hold.id).map((a) => demandOf(a.lines)),
      );
      expect({ hold: hold.id, written, oneOfBodies: bodies.has(written) }).toEqual({
        hold: hold.id,
        written,
        oneOfBodies: true,
      });
    }

    // The books: held is the live lines, decided, never more than the level can promise.
    const books = await readLevelBooks(database.storage);
    expect(heldOffLines(books)).toEqual([]);
    expect(decisionsOffHeld(books)).toEqual([]);
    const levels = await db
      .selectFrom('levels')
      .innerJoin('locations', 'locations.handle', 'levels.location_handle')
      .select(['levels.item_id', 'levels.location_handle', 'levels.available', 'levels.held'])
      .select('locations.buffer_units')
      .execute();
    for (const level of levels) {
      const most = level.available - level.buffer_units;
      expect({
        level: `${level.location_handle}/${level.item_id}`,
        over: level.held > most,
      }).toEqual({ level: `${level.location_handle}/${level.item_id}`, over: false });
      expect(level.held).toBeGreaterThanOrEqual(0);
    }

    // Something of each kind happened, or the crowd tested little.
    const kinds = new Set(answers.map((a) => a.kind));
    expect([...kinds].sort()).toEqual(
      ['idempotency_mismatch', 'insufficient_stock', 'placed', 'replayed'].sort(),
    );
  }, 60_000);
});
