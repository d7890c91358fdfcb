import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VelocityLookup } from '../../../src/domain/holds/hold-eligibility.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, heldAt, holdService, nextKey, seedLevel } from './hold-fixture.js';

describe(`the hold policy decides which items get holds, on ${testEngine}`, () => {
  let database: TestDatabase;
  let clock: ManualClock;
  let asked: { location: string; items: string[] }[];
  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(T0);
    asked = [];
    await seedLevel(database.storage, {
      item: 'tee',
      location: 'downtown',
      available: 5,
      tags: ['Hold-OK'],
    });
    await seedLevel(database.storage, { item: 'mug', location: 'downtown', available: 5 });
    await seedLevel(database.storage, { item: 'cap', location: 'downtown', available: 5 });
  });
  afterEach(async () => database.close());

  /** A fake velocity store: mug sells 3 a day at downtown, cap 0.5; it records what it is asked. */
  const velocity: VelocityLookup = async (location, items) => {
    asked.push({ location, items: [...items] });
    return new Map([
      ['mug', 3],
      ['cap', 0.5],
    ]);
  };
  const place = (service: ReturnType<typeof holdService>, items: string[]) =>
    service.place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId: 'cart-1',
      lines: items.map((item) => ({ item, location: 'downtown', quantity: 1 })),
    });

  it('holds a tagged item and a fast seller, looking up velocity once for the untagged only', async () => {
    const service = holdService(
      database.storage,
      clock,
      { tags: ['hold-ok'], minUnitsPerDay: 2 },
      velocity,
    );

    const result = await place(service, ['tee', 'mug']);

    expect(result.kind).toBe('placed');
    expect(asked).toEqual([{ location: 'downtown', items: ['mug'] }]);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(1);
    expect(await heldAt(database.storage, 'mug', 'downtown')).toBe(1);
  });

  it('offers no hold at all when one line is a slow seller, naming it and why', async () => {
    const service = holdService(database.storage, clock, { minUnitsPerDay: 2 }, velocity);

    const result = await place(service, ['mug', 'cap']);

    expect(result).toEqual({
      kind: 'ineligible',
      lines: [
        {
          item: 'cap',
          location: 'downtown',
          reason: 'not_selected',
          why: 'holds need at least 2 units/day sold; it has category none, tags none, 0.5 units/day',
        },
      ],
    });
    // All or nothing: the eligible mug is not held either.
    expect(await heldAt(database.storage, 'mug', 'downtown')).toBe(0);
  });

  it('offers no hold at a location where holds are turned off', async () => {
    const service = holdService(database.storage, clock, {
      locations: { downtown: { enabled: false } },
    });

    const result = await place(service, ['tee']);

    expect(result).toMatchObject({
      kind: 'ineligible',
      lines: [{ item: 'tee', reason: 'holds_off_at_location' }],
    });
  });

  it('says the config is incomplete when it asks for fast sellers and has no velocity store', async () => {
    const service = holdService(database.storage, clock, { minUnitsPerDay: 2 });

    await expect(place(service, ['mug'])).rejects.toMatchObject({ code: 'config_invalid' });
    // A tagged item needs no velocity, so it is still held.
    const tagged = holdService(database.storage, clock, { tags: ['hold-ok'], minUnitsPerDay: 2 });
    expect((await place(tagged, ['tee'])).kind).toBe('placed');
  });
});
