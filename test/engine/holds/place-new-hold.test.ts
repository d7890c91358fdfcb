import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import type { NewHold } from '../../../src/engine/holds/new-hold.js';
import { placeNewHold } from '../../../src/engine/holds/place-new-hold.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, heldAt, seedLevel } from './hold-fixture.js';

const LATER = '2026-06-01T12:10:00.000Z';

describe(`a cart's first hold in one step, on ${testEngine}`, () => {
  let database: TestDatabase;
  let serial = 0;
  beforeEach(async () => {
    serial = 0;
    database = await openTestDatabase();
    // tee: 6 available, a buffer of 2, so 4 may be held; cap: 1 may be held.
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

  const rows = async () => {
    const db = holdsDb(database.storage.db);
    return {
      holds: await db.selectFrom('holds').select(['id', 'cart_id', 'status']).execute(),
      lines: await db.selectFrom('hold_lines').select(['hold_id', 'item_id', 'quantity']).execute(),
      requests: await db.selectFrom('hold_requests').select(['idempotency_key']).execute(),
    };
  };

  const level = (item: string) =>
    holdsDb(database.storage.db)
      .selectFrom('levels')
      .select(['held', 'decision_stale', 'hold_expiry_bound'])
      .where('item_id', '=', item)
      .executeTakeFirstOrThrow();

  it('writes the hold, its lines and its key, and claims and marks each level', async () => {
    const outcome = await placeNewHold(
      database.storage,
      hold('cart-1', [
        ['cap', 1],
        ['tee', 3],
      ]),
    );

    expect(outcome).toEqual({ kind: 'placed' });
    expect(await rows()).toEqual({
      holds: [{ id: 'hold-1', cart_id: 'cart-1', status: 'active' }],
      lines: expect.arrayContaining([
        { hold_id: 'hold-1', item_id: 'cap', quantity: 1 },
        { hold_id: 'hold-1', item_id: 'tee', quantity: 3 },
      ]),
      requests: [{ idempotency_key: 'key-1' }],
    });
    expect(await level('tee')).toEqual({
      held: 3,
      decision_stale: 1,
      hold_expiry_bound: LATER,
    });
    expect(await heldAt(database.storage, 'cap', 'downtown')).toBe(1);
  });

  it('claims nothing when one level is short, names each short level, and writes nothing', async () => {
    const outcome = await placeNewHold(
      database.storage,
      hold('cart-1', [
        ['cap', 2],
        ['tee', 5],
      ]),
    );

    expect(outcome).toEqual({
      kind: 'insufficient_stock',
      short: [
        { item: 'cap', location: 'downtown', requested: 2, sellable: 1 },
        { item: 'tee', location: 'downtown', requested: 5, sellable: 4 },
      ],
    });
    expect(await rows()).toEqual({ holds: [], lines: [], requests: [] });
    expect(await level('tee')).toMatchObject({ held: 0, decision_stale: 0 });
  });

  it('leaves a key seen before to the general path, and writes nothing', async () => {
    await placeNewHold(database.storage, hold('cart-1', [['tee', 1]], 'same-key'));

    const again = await placeNewHold(database.storage, hold('cart-2', [['tee', 1]], 'same-key'));

    expect(again).toEqual({ kind: 'general', why: 'known_key' });
    expect((await rows()).holds).toEqual([{ id: 'hold-1', cart_id: 'cart-1', status: 'active' }]);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(1);
  });

  it('leaves a cart that holds already to the general path, and writes nothing', async () => {
    await placeNewHold(database.storage, hold('cart-1', [['tee', 1]]));

    const again = await placeNewHold(database.storage, hold('cart-1', [['tee', 2]]));

    expect(again).toEqual({ kind: 'general', why: 'cart_has_holds' });
    expect((await rows()).requests).toEqual([{ idempotency_key: 'key-1' }]);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(1);
  });

  it('leaves a short level whose holds may have run out to the general path', async () => {
    // All 4 held until 12:10; at 12:10 the first hold has run out, but is not yet released.
    await placeNewHold(database.storage, hold('cart-1', [['tee', 4]]));
    const late = {
      ...hold('cart-2', [['tee', 1]]),
      now: LATER,
      expiresAt: '2026-06-01T12:20:00.000Z',
    };

    expect(await placeNewHold(database.storage, late)).toEqual({
      kind: 'general',
      why: 'expiry_due',
    });
    expect((await rows()).holds).toHaveLength(1);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(4);
  });

  it('names a level the item is not stocked at as short with nothing sellable', async () => {
    const outcome = await placeNewHold(database.storage, {
      ...hold('cart-1', []),
      demand: [{ itemId: 'tee', locationHandle: 'uptown', quantity: 1 }],
    });

    expect(outcome).toEqual({
      kind: 'insufficient_stock',
      short: [{ item: 'tee', location: 'uptown', requested: 1, sellable: 0 }],
    });
  });
});
