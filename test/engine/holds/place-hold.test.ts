import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, heldAt, holdService, nextKey, seedLevel, sellableAt } from './hold-fixture.js';

describe(`placing holds on ${testEngine}`, () => {
  let database: TestDatabase;
  let clock: ManualClock;
  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(T0);
    await seedLevel(database.storage, {
      item: 'tee',
      location: 'downtown',
      available: 10,
      bufferUnits: 2,
    });
    // The buffer is the store's (2 a level): the cap has 3 − 2 = 1 sellable.
    await seedLevel(database.storage, { item: 'cap', location: 'downtown', available: 3 });
  });
  afterEach(async () => database.close());

  const place = (
    cartId: string,
    lines: { item?: string; sku?: string; quantity: number }[],
    key = nextKey(),
  ) =>
    holdService(database.storage, clock).place({
      client: 'storefront',
      idempotencyKey: key,
      cartId,
      lines: lines.map((line) => ({ ...line, location: 'downtown' })),
    });

  it('claims the units, and the stored decision offers that many fewer', async () => {
    const result = await place('cart-1', [{ item: 'tee', quantity: 3 }]);

    expect(result).toMatchObject({ kind: 'placed', replaced: false });
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(3);
    // gross 10 − buffer 2 − held 3.
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toEqual({
      sellable: 5,
      held: 3,
      target_reserved: 3,
    });
  });

  it('answers with the hold: id, cart, active, expiry 600 s later and its lines', async () => {
    const result = await place('cart-1', [{ sku: 'SKU-tee', quantity: 2 }]);

    expect(result.kind === 'placed' && result.hold).toMatchObject({
      cartId: 'cart-1',
      status: 'active',
      expiresAt: '2026-06-01T12:10:00.000Z',
      lines: [{ item: 'tee', sku: 'SKU-tee', location: 'downtown', quantity: 2 }],
    });
  });

  it('sums two lines of the same item before the check', async () => {
    // 8 are sellable (10 − buffer 2): 5 + 4 = 9 is one too many, though each line alone fits.
    const refused = await place('cart-1', [
      { item: 'tee', quantity: 5 },
      { sku: 'SKU-tee', quantity: 4 },
    ]);
    expect(refused).toEqual({
      kind: 'insufficient_stock',
      short: [{ item: 'tee', location: 'downtown', requested: 9, sellable: 8 }],
    });

    const placed = await place('cart-1', [
      { item: 'tee', quantity: 5 },
      { sku: 'SKU-tee', quantity: 3 },
    ]);
    expect(placed.kind === 'placed' && placed.hold.lines).toEqual([
      { item: 'tee', sku: 'SKU-tee', location: 'downtown', quantity: 8 },
    ]);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(8);
  });

  it('holds all lines or none, and names each short line with what is sellable now', async () => {
    const refused = await place('cart-1', [
      { item: 'tee', quantity: 2 },
      { item: 'cap', quantity: 2 },
    ]);

    expect(refused).toEqual({
      kind: 'insufficient_stock',
      short: [{ item: 'cap', location: 'downtown', requested: 2, sellable: 1 }],
    });
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(0);
    const holds = await holdsDb(database.storage.db).selectFrom('holds').selectAll().execute();
    expect(holds).toEqual([]);
  });

  it('never lets the buffer be held: the buffer units are not sellable', async () => {
    const refused = await place('cart-1', [{ item: 'tee', quantity: 9 }]);

    expect(refused).toMatchObject({ kind: 'insufficient_stock', short: [{ sellable: 8 }] });
  });

  it('answers the same hold again for the same key and body, and holds nothing more', async () => {
    const first = await place('cart-1', [{ item: 'tee', quantity: 3 }], 'key-replay');
    const again = await place('cart-1', [{ item: 'tee', quantity: 3 }], 'key-replay');

    expect(again.kind).toBe('replayed');
    expect(
      again.kind === 'replayed' && first.kind === 'placed' && again.hold.id === first.hold.id,
    ).toBe(true);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(3);
  });

  it('refuses the same key with a different body', async () => {
    await place('cart-1', [{ item: 'tee', quantity: 3 }], 'key-mismatch');
    const other = await place('cart-1', [{ item: 'tee', quantity: 4 }], 'key-mismatch');

    expect(other.kind).toBe('idempotency_mismatch');
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(3);
  });

  it("replaces a cart's hold: its own units count for it, and it stays one claim", async () => {
    const first = await place('cart-1', [{ item: 'tee', quantity: 3 }]);
    clock.advance(60_000);
    // 8 sellable in all: 5 left to others, but the cart's own 3 come back for its new claim.
    const second = await place('cart-1', [{ item: 'tee', quantity: 8 }]);

    expect(second).toMatchObject({ kind: 'placed', replaced: true });
    expect(second.kind === 'placed' && first.kind === 'placed' && second.hold.id).toBe(
      first.kind === 'placed' ? first.hold.id : null,
    );
    expect(second.kind === 'placed' && second.hold.expiresAt).toBe('2026-06-01T12:11:00.000Z');
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(8);
    const active = await holdsDb(database.storage.db)
      .selectFrom('holds')
      .select('id')
      .where('status', '=', 'active')
      .execute();
    expect(active).toHaveLength(1);
  });

  it("keeps one claim when a cart's first two holds arrive at once: the later replaces the earlier", async () => {
    const [a, b] = await Promise.all([
      place('cart-1', [{ item: 'tee', quantity: 2 }]),
      place('cart-1', [{ item: 'tee', quantity: 5 }]),
    ]);

    expect([a.kind, b.kind]).toEqual(['placed', 'placed']);
    const placed = [a, b].flatMap((result) => (result.kind === 'placed' ? [result] : []));
    expect(placed.map((result) => result.replaced).sort()).toEqual([false, true]);
    // Whichever came second holds its quantity alone: the first's units went back.
    const last = placed.find((result) => result.replaced);
    const held = await heldAt(database.storage, 'tee', 'downtown');
    expect(held).toBe(last?.hold.lines[0]?.quantity);
    const active = await holdsDb(database.storage.db)
      .selectFrom('holds')
      .select('id')
      .where('status', '=', 'active')
      .execute();
    expect(active).toHaveLength(1);
  });

  it('keeps the old hold when its replacement cannot be placed', async () => {
    await place('cart-1', [{ item: 'tee', quantity: 3 }]);
    await place('cart-2', [{ item: 'tee', quantity: 4 }]);
    // Sellable to cart-1: 8 − 4 (cart-2) = 4, its own 3 included.
    const refused = await place('cart-1', [{ item: 'tee', quantity: 5 }]);

    expect(refused).toEqual({
      kind: 'insufficient_stock',
      short: [{ item: 'tee', location: 'downtown', requested: 5, sellable: 4 }],
    });
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(7);
    const lines = await holdsDb(database.storage.db)
      .selectFrom('hold_lines')
      .select('quantity')
      .orderBy('quantity')
      .execute();
    expect(lines.map((l) => l.quantity)).toEqual([3, 4]);
  });

  it('treats a level the item is not stocked at as having nothing to hold', async () => {
    await seedLevel(database.storage, { item: 'mug', location: 'uptown', available: 5 });
    const refused = await holdService(database.storage, clock).place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId: 'cart-1',
      lines: [{ item: 'mug', location: 'downtown', quantity: 1 }],
    });

    expect(refused).toEqual({
      kind: 'insufficient_stock',
      short: [{ item: 'mug', location: 'downtown', requested: 1, sellable: 0 }],
    });
  });

  it('offers no hold on an item outside the policy categories, and holds nothing', async () => {
    const service = holdService(database.storage, clock, { categories: ['sneakers'] });

    const result = await service.place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId: 'c',
      lines: [{ item: 'tee', location: 'downtown', quantity: 1 }],
    });

    expect(result).toMatchObject({
      kind: 'ineligible',
      lines: [{ item: 'tee', location: 'downtown', reason: 'not_selected' }],
    });
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(0);
  });

  it('refuses a TTL above the maximum, and at a warehouse', async () => {
    await seedLevel(database.storage, {
      item: 'tee',
      location: 'dc',
      kind: 'warehouse',
      available: 50,
    });
    const service = holdService(database.storage, clock, { maxTtlSeconds: 900 });

    await expect(
      service.place({
        client: 's',
        idempotencyKey: nextKey(),
        cartId: 'c',
        ttlSeconds: 901,
        lines: [{ item: 'tee', location: 'downtown', quantity: 1 }],
      }),
    ).rejects.toMatchObject({ code: 'invalid_request', details: { field: 'ttlSeconds' } });
    await expect(
      service.place({
        client: 's',
        idempotencyKey: nextKey(),
        cartId: 'c',
        lines: [{ item: 'tee', location: 'dc', quantity: 1 }],
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('names an unknown item, SKU or location, and a SKU two items share', async () => {
    await seedLevel(database.storage, {
      item: 'tee-2',
      sku: 'SKU-tee',
      location: 'downtown',
      available: 3,
    });
    const service = holdService(database.storage, clock);
    const attempt = (line: { item?: string; sku?: string; location: string }) =>
      service.place({
        client: 's',
        idempotencyKey: nextKey(),
        cartId: 'c',
        lines: [{ ...line, quantity: 1 }],
      });

    await expect(attempt({ item: 'nope', location: 'downtown' })).rejects.toMatchObject({
      code: 'unknown_item',
    });
    await expect(attempt({ sku: 'NOPE', location: 'downtown' })).rejects.toMatchObject({
      code: 'unknown_item',
    });
    await expect(attempt({ item: 'tee', location: 'nowhere' })).rejects.toMatchObject({
      code: 'unknown_location',
    });
    await expect(attempt({ sku: 'SKU-tee', location: 'downtown' })).rejects.toMatchObject({
      code: 'ambiguous_sku',
    });
  });
});
