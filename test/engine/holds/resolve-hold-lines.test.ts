import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdPolicySchema } from '../../../src/domain/holds/hold-policy.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { resolveHoldLines } from '../../../src/engine/holds/resolve-hold-lines.js';
import type { HoldLineInput } from '../../../src/engine/holds/resolve-hold-lines.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, seedLevel } from './hold-fixture.js';

describe(`a hold's lines looked up in one query on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
    await seedLevel(database.storage, { item: 'mug', location: 'uptown', available: 5 });
    // Two live items share one SKU; a third had it too but was deleted.
    await seedLevel(database.storage, {
      item: 'cap-a',
      sku: 'CAP',
      location: 'downtown',
      available: 1,
    });
    await seedLevel(database.storage, {
      item: 'cap-b',
      sku: 'CAP',
      location: 'downtown',
      available: 1,
    });
    await seedLevel(database.storage, {
      item: 'old-pen',
      sku: 'PEN',
      location: 'downtown',
      available: 1,
    });
    await seedLevel(database.storage, {
      item: 'pen',
      sku: 'PEN',
      location: 'downtown',
      available: 1,
    });
    await holdsDb(database.storage.db)
      .updateTable('items')
      .set({ deleted_at: T0 })
      .where('id', '=', 'old-pen')
      .execute();
    await seedLevel(database.storage, {
      item: 'tee',
      location: 'depot',
      available: 9,
      kind: 'warehouse',
    });
  });
  afterEach(async () => database.close());

  const resolve = (lines: HoldLineInput[]) =>
    resolveHoldLines(database.storage, lines, holdPolicySchema.parse({}));

  it('names each line by item id or SKU, at two stores, and skips a deleted item sharing the SKU', async () => {
    const resolved = await resolve([
      { item: 'tee', location: 'downtown', quantity: 2 },
      { sku: 'SKU-mug', location: 'uptown', quantity: 1 },
      { sku: 'PEN', location: 'downtown', quantity: 1 },
      { item: 'tee', location: 'downtown', quantity: 1 },
    ]);

    expect(resolved.ineligible).toEqual([]);
    expect(resolved.lines).toEqual([
      { itemId: 'tee', locationHandle: 'downtown', quantity: 2 },
      { itemId: 'mug', locationHandle: 'uptown', quantity: 1 },
      { itemId: 'pen', locationHandle: 'downtown', quantity: 1 },
      { itemId: 'tee', locationHandle: 'downtown', quantity: 1 },
    ]);
    expect(resolved.skus).toEqual(
      new Map([
        ['tee', 'SKU-tee'],
        ['mug', 'SKU-mug'],
        ['pen', 'PEN'],
      ]),
    );
  });

  it('finds as many items by id as a request names, past the first few', async () => {
    const names = ['tee', 'mug', 'cap-a', 'cap-b', 'pen'];
    const resolved = await resolve(
      names.map((item) => ({
        item,
        location: item === 'mug' ? 'uptown' : 'downtown',
        quantity: 1,
      })),
    );

    expect(resolved.lines.map((line) => line.itemId)).toEqual(names);
    expect(resolved.ineligible).toEqual([]);
  });

  it('finds items by SKU alone, with no item id among the lines', async () => {
    const resolved = await resolve([
      { sku: 'SKU-tee', location: 'downtown', quantity: 1 },
      { sku: 'SKU-mug', location: 'uptown', quantity: 3 },
    ]);

    expect(resolved.lines).toEqual([
      { itemId: 'tee', locationHandle: 'downtown', quantity: 1 },
      { itemId: 'mug', locationHandle: 'uptown', quantity: 3 },
    ]);
  });

  it('takes an item named by id on one line and by SKU on another as one item, not two', async () => {
    const resolved = await resolve([
      { item: 'pen', location: 'downtown', quantity: 1 },
      { sku: 'PEN', location: 'downtown', quantity: 1 },
    ]);

    expect(resolved.lines).toEqual([
      { itemId: 'pen', locationHandle: 'downtown', quantity: 1 },
      { itemId: 'pen', locationHandle: 'downtown', quantity: 1 },
    ]);
  });

  it('never takes an item without a SKU for a line that names none', async () => {
    await seedLevel(database.storage, {
      item: 'bare',
      sku: null,
      location: 'downtown',
      available: 1,
    });

    const resolved = await resolve([{ item: 'tee', location: 'downtown', quantity: 1 }]);

    expect(resolved.lines).toEqual([{ itemId: 'tee', locationHandle: 'downtown', quantity: 1 }]);
    expect([...resolved.skus.keys()]).toEqual(['tee']);
  });

  it.each([
    [
      'an unknown item',
      [
        { item: 'tee', location: 'downtown', quantity: 1 },
        { item: 'hat', location: 'downtown', quantity: 1 },
      ],
      { code: 'unknown_item', message: 'no item "hat" (lines[1])' },
    ],
    [
      'an unknown SKU',
      [{ sku: 'NOPE', location: 'downtown', quantity: 1 }],
      { code: 'unknown_item', message: 'no SKU "NOPE" (lines[0])' },
    ],
    [
      'a SKU two live items share',
      [{ sku: 'CAP', location: 'downtown', quantity: 1 }],
      { code: 'ambiguous_sku', message: 'SKU "CAP" (lines[0]) matches several items' },
    ],
    [
      'an unknown location',
      [{ item: 'tee', location: 'nowhere', quantity: 1 }],
      { code: 'unknown_location', message: 'no location "nowhere" (lines[0])' },
    ],
    [
      'a warehouse',
      [{ item: 'tee', location: 'depot', quantity: 1 }],
      { code: 'conflict', message: '"depot" is a warehouse; holds are at stores' },
    ],
  ])('refuses %s, naming the line', async (_case, lines, expected) => {
    await expect(resolve(lines)).rejects.toMatchObject(expected);
  });

  /** The storage, its queries counted: a wrapper of its own, so its look-ups are its own too. */
  function counted(storage: Storage): { storage: Storage; queries: () => number } {
    let queries = 0;
    const db = new Proxy(storage.db, {
      get(target, property) {
        if (property === 'executeQuery') {
          return (query: Parameters<typeof target.executeQuery>[0]) => {
            queries += 1;
            return target.executeQuery(query);
          };
        }
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    return { storage: { ...storage, db }, queries: () => queries };
  }

  it('looks up the requests of one turn in one query, each answered from its own lines', async () => {
    const { storage, queries } = counted(database.storage);
    const policy = holdPolicySchema.parse({});

    const [tee, cap, mug] = await Promise.allSettled([
      resolveHoldLines(storage, [{ item: 'tee', location: 'downtown', quantity: 1 }], policy),
      resolveHoldLines(storage, [{ sku: 'CAP', location: 'downtown', quantity: 1 }], policy),
      resolveHoldLines(storage, [{ sku: 'SKU-mug', location: 'uptown', quantity: 2 }], policy),
    ]);

    expect(queries()).toBe(1);
    expect(tee).toMatchObject({
      status: 'fulfilled',
      value: { lines: [{ itemId: 'tee', locationHandle: 'downtown', quantity: 1 }] },
    });
    // The SKU two items share is refused for its own request only.
    expect(cap).toMatchObject({ status: 'rejected', reason: { code: 'ambiguous_sku' } });
    expect(mug).toMatchObject({
      status: 'fulfilled',
      value: { lines: [{ itemId: 'mug', locationHandle: 'uptown', quantity: 2 }] },
    });

    await resolveHoldLines(storage, [{ item: 'pen', location: 'downtown', quantity: 1 }], policy);
    expect(queries()).toBe(2);
  });
});
