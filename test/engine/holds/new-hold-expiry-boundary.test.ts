import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import type { HoldService } from '../../../src/engine/holds/hold-service.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import { T0, holdService, nextKey, seedLevel, sellableAt } from './hold-fixture.js';

describe(`a new hold at the second another expires, on ${testEngine}`, () => {
  let database: TestDatabase;
  let clock: ManualClock;
  let service: HoldService;
  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(T0);
    service = holdService(database.storage, clock);
  });
  afterEach(async () => database.close());

  const place = (cartId: string, quantity: number, ttlSeconds = 60) =>
    service.place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId,
      lines: [{ item: 'tee', location: 'downtown', quantity }],
      ttlSeconds,
    });

  const statusOf = async (id: string) =>
    (
      await holdsDb(database.storage.db)
        .selectFrom('holds')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;

  async function expectBooksTrue(): Promise<void> {
    const books = await readLevelBooks(database.storage);
    expect(heldOffLines(books)).toEqual([]);
    expect(decisionsOffHeld(books)).toEqual([]);
  }

  it('is refused a millisecond before, and placed at the very second, on a level the first took', async () => {
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 2 });
    const first = await place('cart-a', 2);
    expect(first.kind).toBe('placed');

    clock.advance(59_999);
    expect((await place('cart-b', 1)).kind).toBe('insufficient_stock');
    clock.advance(1);
    const second = await place('cart-b', 1);

    expect(second.kind).toBe('placed');
    if (first.kind === 'placed') expect(await statusOf(first.hold.id)).toBe('expired');
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toEqual({
      sellable: 1,
      held: 1,
      target_reserved: 1,
    });
    await expectBooksTrue();
  });

  it('claims beside an expired hold on a level with room, and the decision leaves it out', async () => {
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
    await place('cart-a', 2, 1);

    clock.advance(1_000);
    const second = await place('cart-b', 1);

    expect(second.kind).toBe('placed');
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toEqual({
      sellable: 4,
      held: 1,
      target_reserved: 1,
    });
    await expectBooksTrue();
  });

  it('gives a cart whose own hold expired that second a new hold, not the old one back', async () => {
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 2 });
    const first = await place('cart-a', 2, 30);

    clock.advance(30_000);
    const again = await place('cart-a', 2, 30);

    expect(again).toMatchObject({ kind: 'placed', replaced: false });
    if (first.kind !== 'placed' || again.kind !== 'placed') return;
    expect(again.hold.id).not.toBe(first.hold.id);
    expect(await statusOf(first.hold.id)).toBe('expired');
    expect(again.hold.expiresAt).toBe('2026-06-01T12:01:00.000Z');
    await expectBooksTrue();
  });

  it('thirty carts racing at the second three holds expire get exactly the three units', async () => {
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 3 });
    for (const cart of ['a', 'b', 'c'])
      expect((await place(`cart-${cart}`, 1, 10)).kind).toBe('placed');
    const others = [await database.openAnother(), await database.openAnother()];
    const services = [service, ...others.map((storage) => holdService(storage, clock))];

    clock.advance(10_000);
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, n) =>
        services[n % services.length]!.place({
          client: 'storefront',
          idempotencyKey: nextKey(),
          cartId: `racer-${n}`,
          lines: [{ item: 'tee', location: 'downtown', quantity: 1 }],
        }),
      ),
    );

    const kinds: Record<string, number> = {};
    for (const result of results) {
      const kind = result.status === 'fulfilled' ? result.value.kind : String(result.reason);
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
    expect(kinds).toEqual({ placed: 3, insufficient_stock: 27 });
    await expectBooksTrue();
  }, 30_000);
});
