import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { raceForUnits } from './hold-race-body.js';
import type { RaceOrders, RaceTally } from './hold-race-body.js';
import { T0, seedLevel } from './hold-fixture.js';

const INSTANCES = 4;
const PER_INSTANCE = 50;

/** One instance in its own thread with its own connection, as a second process would have. */
function runInstance(orders: RaceOrders): Promise<RaceTally> {
  const worker = new Worker(new URL('./hold-race-worker.mjs', import.meta.url), {
    workerData: orders,
  });
  return new Promise<RaceTally>((resolve, reject) => {
    worker.once('message', (tally: RaceTally) => resolve(tally));
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}

describe(`200 shoppers racing for 10 units on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    await seedLevel(database.storage, { item: 'last-tee', location: 'downtown', available: 10 });
  });
  afterEach(async () => database.close());

  async function expectExactlyTenWon(tallies: RaceTally[]): Promise<void> {
    const failed = tallies.flatMap((t) => t.failed);
    const placed = tallies.reduce((sum, t) => sum + t.placed, 0);
    const refused = tallies.reduce((sum, t) => sum + t.refused, 0);
    expect({ failed, placed, refused }).toEqual({ failed: [], placed: 10, refused: 190 });

    const db = holdsDb(database.storage.db);
    const level = await db.selectFrom('levels').select('held').executeTakeFirstOrThrow();
    const lines = await db.selectFrom('hold_lines').select('quantity').execute();
    const decision = await db
      .selectFrom('decisions')
      .select(['sellable', 'held', 'target_reserved'])
      .executeTakeFirstOrThrow();
    expect(level.held).toBe(10);
    expect(lines.reduce((sum, l) => sum + l.quantity, 0)).toBe(10);
    expect(decision).toEqual({ sellable: 0, held: 10, target_reserved: 10 });

    // What Shopify is told to place in `reserved` is the live holds: the one pending push.
    const pushes = await db
      .selectFrom('outbox')
      .select('target')
      .where('channel', '=', 'shopify')
      .execute();
    expect(pushes.map((push) => JSON.parse(push.target).reserved)).toEqual([10]);
  }

  it('exactly 10 win when four instances on their own connections send 50 each at once', async () => {
    const tallies = await Promise.all(
      Array.from({ length: INSTANCES }, (_, n) =>
        runInstance({ url: database.url, instance: `i${n}`, requests: PER_INSTANCE, now: T0 }),
      ),
    );

    await expectExactlyTenWon(tallies);
  }, 60_000);

  it.runIf(testEngine === 'postgres')(
    'exactly 10 win when four pools in one process send 50 each at once',
    async () => {
      const pools = await Promise.all(
        Array.from({ length: INSTANCES }, () => database.openAnother()),
      );
      const tallies = await Promise.all(
        pools.map((pool, n) =>
          raceForUnits({ instance: `p${n}`, requests: PER_INSTANCE, now: T0 }, pool),
        ),
      );

      await expectExactlyTenWon(tallies);
    },
    60_000,
  );
});
