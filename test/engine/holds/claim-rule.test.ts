import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideSellable } from '../../../src/domain/decision/decide-sellable.js';
import { claimCovers, sellableForClaim } from '../../../src/domain/holds/hold-claim.js';
import { claimHeldUnits, unclaimedAt } from '../../../src/engine/holds/held-units.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { seedLevel } from './hold-fixture.js';

/*
 * The SQL claim checks gross − buffer − held ≥ quantity inside its UPDATE; the simulator's hold
 * book checks the same rule with `claimCovers`. Every case of a small grid is run through both;
 * gross is built as the decision builds it (available + our placed safety stock), so the SQL's
 * gross and `decideSellable`'s gross are compared too.
 */
interface Case {
  available: number;
  placedSafetyStock: number;
  buffer: number;
  held: number;
  quantity: number;
}

const cases: Case[] = [];
for (const available of [-1, 0, 2, 5])
  for (const placedSafetyStock of [0, 1])
    for (const buffer of [0, 2])
      for (const held of [0, 1, 3])
        for (const quantity of [1, 2, 3]) {
          cases.push({ available, placedSafetyStock, buffer, held, quantity });
        }

describe(`the claim rule on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    const db = holdsDb(database.storage.db);
    for (const [index, c] of cases.entries()) {
      const location = `store-b${c.buffer}`;
      await seedLevel(database.storage, {
        item: `item-${index}`,
        location,
        available: c.available,
        bufferUnits: c.buffer,
      });
      await db
        .updateTable('levels')
        .set({ held: c.held, placed_safety_stock: c.placedSafetyStock })
        .where('item_id', '=', `item-${index}`)
        .execute();
    }
  }, 60_000);
  afterAll(async () => database.close());

  it('claims in SQL exactly when claimCovers says the level covers the quantity', async () => {
    const db = holdsDb(database.storage.db);
    const disagreements: string[] = [];
    let claimed = 0;

    for (const [index, c] of cases.entries()) {
      const level = { itemId: `item-${index}`, locationHandle: `store-b${c.buffer}` };
      const { gross } = decideSellable({
        available: c.available,
        placedSafetyStock: c.placedSafetyStock,
        placedReserved: 0,
        buffer: c.buffer,
        liveHolds: c.held,
        managed: true,
      });
      const basis = { gross, buffer: c.buffer, held: c.held };
      const before = await unclaimedAt(db, level);
      const sql = await claimHeldUnits(db, level, c.quantity, '2030-01-01T00:00:00.000Z');
      if (sql) claimed += 1;
      if (sql !== claimCovers(basis, c.quantity) || before !== sellableForClaim(basis)) {
        disagreements.push(`${JSON.stringify(c)}: SQL ${sql}, unclaimed ${before}`);
      }
    }

    expect(disagreements).toEqual([]);
    // By hand: the grid's gross values are −1, 0, 0, 1, 2, 3, 5, 6 (available + safety stock).
    // For each, summing min(3, max(0, gross − buffer − held)) over buffer 0, 2 and held 0, 1, 3
    // gives the quantities 1..3 that fit: 0, 0, 0, 1, 3, 6, 13 (b0: 3+3+2, b2: 3+2+0) and
    // 16 (b0: 3+3+3, b2: 3+3+1): 39 claims in 144 cases.
    expect(claimed).toBe(39);
  });
});
