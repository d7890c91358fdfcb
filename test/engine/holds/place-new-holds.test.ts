import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import type { NewHold } from '../../../src/engine/holds/new-hold.js';
import { placeNewHolds } from '../../../src/engine/holds/place-new-holds.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, heldAt, modes, seedLevel, sellableAt } from './hold-fixture.js';

const LATER = '2026-06-01T12:10:00.000Z';

describe(`carts' first holds placed together, on ${testEngine}`, () => {
  let database: TestDatabase;
  let serial = 0;
  beforeEach(async () => {
    serial = 0;
    database = await openTestDatabase();
    // The store keeps 2 units of each item back: tee, 6 available, may hold 4; cap, 3, may hold 1.
    await seedLevel(database.storage, {
      item: 'tee',
      location: 'downtown',
      available: 6,
      bufferUnits: 2,
    });
    await seedLevel(database.storage, { item: 'cap', location: 'downtown', available: 3 });
  });
  afterEach(async () => database.close());

  const hold = (cartId: string, demand: [string, number][], key?: string): NewHold => {
    serial += 1;
    return {
      holdId: `hold-${serial}`,
      cartId,
      client: 'storefront',
      idempotencyKey: key ?? `key-${serial}`,
      fingerprint: `fingerprint-${serial}`,
      demand: demand.map(([itemId, quantity]) => ({
        itemId,
        locationHandle: 'downtown',
        quantity,
      })),
      now: T0,
      expiresAt: LATER,
    };
  };

  const place = (...holds: NewHold[]) => placeNewHolds(database.storage, holds, modes);

  const rows = async () => {
    const db = holdsDb(database.storage.db);
    return {
      holds: await db
        .selectFrom('holds')
        .select(['id', 'cart_id', 'status'])
        .orderBy('id')
        .execute(),
      lines: await db
        .selectFrom('hold_lines')
        .select(['hold_id', 'item_id', 'quantity'])
        .orderBy('hold_id')
        .orderBy('item_id')
        .execute(),
      requests: await db
        .selectFrom('hold_requests')
        .select(['idempotency_key'])
        .orderBy('idempotency_key')
        .execute(),
    };
  };

  const level = (item: string) =>
    holdsDb(database.storage.db)
      .selectFrom('levels')
      .select(['held', 'decision_stale', 'hold_expiry_bound'])
      .where('item_id', '=', item)
      .executeTakeFirstOrThrow();

  const pushes = () =>
    database.storage.db
      .selectFrom('outbox')
      .select(['item_id', 'target'])
      .where('channel', '=', 'shopify')
      .orderBy('item_id')
      .execute();

  it('writes the hold, its lines and its key, claims each level and decides it at once', async () => {
    const outcomes = await place(
      hold('cart-1', [
        ['cap', 1],
        ['tee', 3],
      ]),
    );

    expect(outcomes).toEqual([{ kind: 'placed' }]);
    expect(await rows()).toEqual({
      holds: [{ id: 'hold-1', cart_id: 'cart-1', status: 'active' }],
      lines: [
        { hold_id: 'hold-1', item_id: 'cap', quantity: 1 },
        { hold_id: 'hold-1', item_id: 'tee', quantity: 3 },
      ],
      requests: [{ idempotency_key: 'key-1' }],
    });
    // Decided in the same transaction: nothing left marked for the refresher.
    expect(await level('tee')).toEqual({ held: 3, decision_stale: 0, hold_expiry_bound: LATER });
    // tee: gross 6 − buffer 2 − held 3 = 1; cap: 3 − 2 − 1 = 0.
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toEqual({
      sellable: 1,
      held: 3,
      target_reserved: 3,
    });
    expect(await sellableAt(database.storage, 'cap', 'downtown')).toEqual({
      sellable: 0,
      held: 1,
      target_reserved: 1,
    });
    // The store publishes: each level's move to `reserved` is queued for Shopify.
    const queued = (await pushes()).map((row) => ({
      item: row.item_id,
      reserved: (JSON.parse(row.target) as { reserved: number }).reserved,
    }));
    expect(queued).toEqual([
      { item: 'cap', reserved: 1 },
      { item: 'tee', reserved: 3 },
    ]);
  });

  it('places holds of one group one after another, each seeing those before it', async () => {
    // tee may hold 4: 2 + 2 fit, the third asks for 1 more than is left.
    const outcomes = await place(
      hold('cart-1', [['tee', 2]]),
      hold('cart-2', [['tee', 2]]),
      hold('cart-3', [['tee', 1]]),
      hold('cart-4', [['cap', 1]]),
    );

    expect(outcomes).toEqual([
      { kind: 'placed' },
      { kind: 'placed' },
      {
        kind: 'insufficient_stock',
        short: [{ item: 'tee', location: 'downtown', requested: 1, sellable: 0 }],
      },
      { kind: 'placed' },
    ]);
    expect((await rows()).holds.map((row) => row.cart_id)).toEqual(['cart-1', 'cart-2', 'cart-4']);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(4);
    // One decision per level for the whole group, counting every hold placed in it.
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toMatchObject({
      sellable: 0,
      held: 4,
    });
    expect(await sellableAt(database.storage, 'cap', 'downtown')).toMatchObject({
      sellable: 0,
      held: 1,
    });
  });

  it('claims nothing when one level is short, names each short level, and writes nothing', async () => {
    const outcomes = await place(
      hold('cart-1', [
        ['cap', 2],
        ['tee', 5],
      ]),
    );

    expect(outcomes).toEqual([
      {
        kind: 'insufficient_stock',
        short: [
          { item: 'cap', location: 'downtown', requested: 2, sellable: 1 },
          { item: 'tee', location: 'downtown', requested: 5, sellable: 4 },
        ],
      },
    ]);
    expect(await rows()).toEqual({ holds: [], lines: [], requests: [] });
    expect(await level('tee')).toMatchObject({ held: 0, decision_stale: 0 });
    expect(await heldAt(database.storage, 'cap', 'downtown')).toBe(0);
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toBeNull();
  });

  it('claims no level of a hold whose other level is short, beside a hold that is placed', async () => {
    const outcomes = await place(
      hold('cart-1', [
        ['cap', 1],
        ['tee', 5],
      ]),
      hold('cart-2', [['cap', 1]]),
    );

    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['insufficient_stock', 'placed']);
    // The first hold's cap was not claimed, so the second could take the one unit there was.
    expect(await heldAt(database.storage, 'cap', 'downtown')).toBe(1);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(0);
    expect((await rows()).lines).toEqual([{ hold_id: 'hold-2', item_id: 'cap', quantity: 1 }]);
  });

  it('leaves a key seen before to the general path, and writes nothing', async () => {
    await place(hold('cart-1', [['tee', 1]], 'same-key'));

    const again = await place(hold('cart-2', [['tee', 1]], 'same-key'));

    expect(again).toEqual([{ kind: 'general', why: 'known_key' }]);
    expect((await rows()).holds).toEqual([{ id: 'hold-1', cart_id: 'cart-1', status: 'active' }]);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(1);
  });

  it('leaves the second of two holds with one key in one group to the general path', async () => {
    const outcomes = await place(
      hold('cart-1', [['tee', 1]], 'same-key'),
      hold('cart-2', [['tee', 1]], 'same-key'),
    );

    expect(outcomes).toEqual([{ kind: 'placed' }, { kind: 'general', why: 'known_key' }]);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(1);
  });

  it('leaves a cart that holds already to the general path, and writes nothing', async () => {
    await place(hold('cart-1', [['tee', 1]]));

    const again = await place(hold('cart-1', [['tee', 2]]));

    expect(again).toEqual([{ kind: 'general', why: 'cart_has_holds' }]);
    expect((await rows()).requests).toEqual([{ idempotency_key: 'key-1' }]);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(1);
  });

  it('leaves the second hold of one cart in one group to the general path', async () => {
    const outcomes = await place(hold('cart-1', [['tee', 1]]), hold('cart-1', [['cap', 1]]));

    expect(outcomes).toEqual([{ kind: 'placed' }, { kind: 'general', why: 'cart_has_holds' }]);
    expect(await heldAt(database.storage, 'cap', 'downtown')).toBe(0);
  });

  it('leaves a short level whose holds may have run out to the general path', async () => {
    // All 4 held until 12:10; at 12:10 the first hold has run out, but is not yet released.
    await place(hold('cart-1', [['tee', 4]]));
    const late = {
      ...hold('cart-2', [['tee', 1]]),
      now: LATER,
      expiresAt: '2026-06-01T12:20:00.000Z',
    };

    expect(await place(late)).toEqual([{ kind: 'general', why: 'expiry_due' }]);
    expect((await rows()).holds).toHaveLength(1);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(4);
  });

  it('names a level the item is not stocked at as short with nothing sellable', async () => {
    const outcomes = await place({
      ...hold('cart-1', []),
      demand: [{ itemId: 'tee', locationHandle: 'uptown', quantity: 1 }],
    });

    expect(outcomes).toEqual([
      {
        kind: 'insufficient_stock',
        short: [{ item: 'tee', location: 'uptown', requested: 1, sellable: 0 }],
      },
    ]);
  });
});
