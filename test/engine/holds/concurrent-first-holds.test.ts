import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import { sendTogether, kindsOf } from './hold-crowd.js';
import { seedLevel } from './hold-fixture.js';

/** Connection pools (instances) the requests are spread over. */
const INSTANCES = 3;

describe(`first holds that arrive together, on ${testEngine}`, () => {
  let database: TestDatabase;
  let instances: Storage[];
  beforeEach(async () => {
    database = await openTestDatabase();
    instances = [database.storage];
    for (let n = 1; n < INSTANCES; n += 1) instances.push(await database.openAnother());
  });
  afterEach(async () => database.close());

  async function expectBooksTrue(): Promise<void> {
    const books = await readLevelBooks(database.storage);
    expect(heldOffLines(books)).toEqual([]);
    expect(decisionsOffHeld(books)).toEqual([]);
  }

  it('one key sent twenty times at once with one body places one hold and replays it', async () => {
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
    const request = {
      client: 'storefront',
      idempotencyKey: 'one-key',
      cartId: 'cart-1',
      lines: [{ item: 'tee', location: 'downtown', quantity: 2 }],
    };

    const settled = await sendTogether(
      instances,
      Array.from({ length: 20 }, () => request),
    );

    expect(kindsOf(settled)).toEqual({ placed: 1, replayed: 19 });
    expect(new Set(settled.map((result) => result.id)).size).toBe(1);
    const books = await readLevelBooks(database.storage);
    expect(books.map((level) => level.held)).toEqual([2]);
    await expectBooksTrue();
  }, 30_000);

  it('one key sent at once with different bodies places one of them, and answers the rest', async () => {
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
    const requests = Array.from({ length: 20 }, (_, n) => ({
      client: 'storefront',
      idempotencyKey: 'one-key',
      cartId: `cart-${n % 5}`,
      lines: [{ item: 'tee', location: 'downtown', quantity: 1 + (n % 3) }],
    }));

    const settled = await sendTogether(instances, requests);

    const counts = kindsOf(settled);
    expect(counts['placed']).toBe(1);
    expect(counts['threw'] ?? 0).toBe(0);
    expect((counts['replayed'] ?? 0) + (counts['idempotency_mismatch'] ?? 0)).toBe(19);
    const db = holdsDb(database.storage.db);
    expect(await db.selectFrom('hold_requests').select('hold_id').execute()).toHaveLength(1);
    expect(await db.selectFrom('holds').select('id').execute()).toHaveLength(1);
    await expectBooksTrue();
  }, 30_000);

  it('holds over two stores, lines in either order and carts replacing, never fail and never oversell', async () => {
    // Lock order is by location then item (bay/b before yonge/a); item order is the other way.
    await seedLevel(database.storage, { item: 'a', location: 'yonge', available: 24 });
    await seedLevel(database.storage, { item: 'b', location: 'bay', available: 24 });
    const a = { item: 'a', location: 'yonge', quantity: 1 };
    const b = { item: 'b', location: 'bay', quantity: 1 };
    // Twelve carts first hold one unit of a: their replacements return a before claiming b.
    const first = await sendTogether(
      instances,
      Array.from({ length: 12 }, (_, n) => ({
        client: 'storefront',
        idempotencyKey: `first-${n}`,
        cartId: `cart-${n}`,
        lines: [a],
      })),
    );
    expect(kindsOf(first)).toEqual({ placed: 12 });

    const requests = Array.from({ length: 48 }, (_, n) => ({
      client: 'storefront',
      idempotencyKey: `both-${n}`,
      cartId: `cart-${n}`,
      lines: n % 2 === 0 ? [a, b] : [b, a],
    }));
    const settled = await sendTogether(instances, requests);

    // Every request is answered; a refused cart that held already keeps its one unit of a.
    const counts = kindsOf(settled);
    expect(counts['threw'] ?? 0).toBe(0);
    expect((counts['placed'] ?? 0) + (counts['insufficient_stock'] ?? 0)).toBe(48);
    const placed = counts['placed'] ?? 0;
    const keptOld = settled.slice(0, 12).filter((result) => result.kind !== 'placed').length;
    const books = await readLevelBooks(database.storage);
    expect(books.map((level) => [level.level, level.held])).toEqual([
      ['bay/b', placed],
      ['yonge/a', placed + keptOld],
    ]);
    expect(placed + keptOld).toBeLessThanOrEqual(24);
    expect(placed).toBeGreaterThan(0);
    await expectBooksTrue();
  }, 30_000);
});
