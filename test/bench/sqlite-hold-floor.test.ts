import { afterEach, describe, expect, it } from 'vitest';
import { measureSqliteHoldFloor } from '../../bench/sqlite-hold-floor.js';
import { seedLevel } from '../engine/holds/hold-fixture.js';
import { openTestDatabase, testEngine } from '../support/test-storage.js';
import type { TestDatabase } from '../support/test-storage.js';

describe.skipIf(testEngine !== 'sqlite')('the holds bench floor leg (SQLite)', () => {
  let database: TestDatabase | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  it('claims one unit a hold, whole transactions of 50, and leaves no hold rows behind', async () => {
    database = await openTestDatabase();
    const { storage } = database;
    for (const item of ['a', 'b', 'c']) {
      await seedLevel(storage, { item, location: 'store', available: 1_000_000 });
    }
    const connection = storage.sqlite;
    if (!connection) throw new Error('the SQLite test storage has no raw connection');

    const items = ['a', 'b', 'c'];
    const floor = measureSqliteHoldFloor(connection, {
      store: 'store',
      itemOf: (i) => items[i % 3] ?? 'a',
      seconds: 0.05,
      label: 'test',
    });

    expect(floor.holds).toBeGreaterThan(0);
    expect(floor.holds % 50).toBe(0);
    const held = connection.prepare(`SELECT item_id, held FROM levels ORDER BY item_id`).all() as {
      item_id: string;
      held: number;
    }[];
    // Holds 0, 3, 6, ... at a; 1, 4, ... at b; 2, 5, ... at c.
    expect(held).toEqual([
      { item_id: 'a', held: Math.ceil(floor.holds / 3) },
      { item_id: 'b', held: Math.ceil((floor.holds - 1) / 3) },
      { item_id: 'c', held: Math.ceil((floor.holds - 2) / 3) },
    ]);
    for (const table of ['holds', 'hold_lines', 'hold_requests']) {
      const rows = connection.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
      expect(rows.n, table).toBe(0);
    }
  });
});
