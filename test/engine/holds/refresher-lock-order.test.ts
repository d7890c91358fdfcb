import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { StaleLevelRefresher } from '../../../src/engine/holds/stale-level-refresher.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, holdService, modes, seedLevel } from './hold-fixture.js';

/**
 * Every transaction takes level rows in lock order, store then item (`sumHoldDemand`), so two
 * multi-line holds never deadlock. The refresher's round takes the rows of the levels it
 * decides too (clearing their marks); if it takes them in another order, a hold claiming two
 * of those levels and the round wait on each other until PostgreSQL's deadlock check (1 s)
 * aborts one of them.
 *
 * Item "a" is stocked at store "zz", item "b" at store "aa": in lock order aa/b comes first,
 * in item order (the marked-levels index) a/zz does.
 */
const FIRST = { item: 'b', location: 'aa' };
const SECOND = { item: 'a', location: 'zz' };
const where = (level: { item: string; location: string }) =>
  `item_id = '${level.item}' AND location_handle = '${level.location}'`;

describe.runIf(testEngine === 'postgres')(
  `the refresher's round and the claims take levels in one order, on ${testEngine}`,
  () => {
    let database: TestDatabase;
    const sessions: pg.Client[] = [];
    const session = async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      sessions.push(client);
      return client;
    };
    beforeEach(async () => {
      database = await openTestDatabase();
      await seedLevel(database.storage, { ...SECOND, available: 200 });
      await seedLevel(database.storage, { ...FIRST, available: 200 });
    });
    afterEach(async () => {
      for (const client of sessions.splice(0)) await client.end();
      await database.close();
    });

    it('a round waiting for the first level in lock order holds none after it', async () => {
      await holdsDb(database.storage.db).updateTable('levels').set({ decision_stale: 1 }).execute();
      const holder = await session();
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM levels WHERE ${where(FIRST)} FOR UPDATE`);

      const clock = new ManualClock(T0);
      const round = StaleLevelRefresher.of(database.storage, modes, clock.now).settle([
        { itemId: SECOND.item, locationHandle: SECOND.location },
        { itemId: FIRST.item, locationHandle: FIRST.location },
      ]);
      const pid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!
        .pid;
      const deadline = Date.now() + 5_000;
      let waiting = 0;
      while (waiting === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const rows = await holder.query(
          'SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
          [pid],
        );
        waiting = rows.rowCount ?? 0;
      }
      expect(waiting).toBe(1);

      // A claim that took FIRST would next need SECOND: the round must not be holding it.
      const claimant = await session();
      await claimant.query('BEGIN');
      const second = await claimant
        .query(`SELECT 1 FROM levels WHERE ${where(SECOND)} FOR UPDATE NOWAIT`)
        .then(
          () => 'free',
          (thrown: { code?: string }) => `locked (${thrown.code})`,
        );
      await claimant.query('ROLLBACK');
      await holder.query('ROLLBACK');
      await round;

      expect(second).toBe('free');
    }, 15_000);

    it('thirty holds over three stores each, from one instance, answer without waiting on deadlocks', async () => {
      // Item k at store (5 − k): lock order and item order run opposite ways over six levels.
      const level = (k: number) => ({ item: `item-${k}`, location: `store-${5 - k}` });
      for (let k = 0; k < 6; k += 1)
        await seedLevel(database.storage, { ...level(k), available: 90 });
      const clock = new ManualClock(T0);
      const service = holdService(database.storage, clock);
      const started = Date.now();

      const results = await Promise.all(
        Array.from({ length: 30 }, (_, n) =>
          service.place({
            client: 'storefront',
            idempotencyKey: `three-${n}`,
            cartId: `cart-${n}`,
            lines: [n % 6, (n + 3) % 6, (n + 5) % 6].map((k) => ({ ...level(k), quantity: 1 })),
          }),
        ),
      );

      expect(results.filter((result) => result.kind !== 'placed')).toEqual([]);
      // Without a deadlock they take a few hundred milliseconds; each one detected costs 1 s
      // (deadlock_timeout) for every hold queued behind it.
      expect(Date.now() - started).toBeLessThan(2_000);
    }, 30_000);
  },
);
