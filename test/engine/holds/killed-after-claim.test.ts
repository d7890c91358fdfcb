import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HoldSweeper } from '../../../src/engine/holds/hold-sweeper.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import { T0, holdService, modes, seedLevel, sellableAt } from './hold-fixture.js';
import { KILLED_CART } from './killed-after-claim-body.js';
import type { KilledOrders } from './killed-after-claim-body.js';

const CHILD = fileURLToPath(new URL('./killed-after-claim-child.mjs', import.meta.url));

/** The instance as its own OS process; resolves with how it ended and what it printed. */
function startInstance(orders: KilledOrders) {
  const child = spawn(process.execPath, [CHILD, JSON.stringify(orders)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ended = new Promise<{ signal: string | null; output: string }>((resolve) =>
    child.once('exit', (_code, signal) => resolve({ signal, output })),
  );
  return { child, ended };
}

describe(`an instance killed after its claim committed, on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
  });
  afterEach(async () => database.close());

  const levelRow = () =>
    holdsDb(database.storage.db)
      .selectFrom('levels')
      .select(['held', 'decision_stale'])
      .executeTakeFirstOrThrow();

  /** The cart's first hold, of 1 tee, placed and decided before the instance replaces it. */
  async function placeFirstHold(): Promise<void> {
    const placed = await holdService(database.storage, new ManualClock(T0)).place({
      client: 'storefront',
      idempotencyKey: 'first-key',
      cartId: KILLED_CART,
      lines: [{ item: 'tee', location: 'downtown', quantity: 1 }],
    });
    expect(placed.kind).toBe('placed');
  }

  /** The 2 tees held, their decision stored and Shopify's push queued, the books agreeing. */
  async function expectDecided(): Promise<void> {
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toEqual({
      sellable: 3,
      held: 2,
      target_reserved: 2,
    });
    const pushes = await database.storage.db.selectFrom('outbox').select('target').execute();
    expect(pushes.map((push) => JSON.parse(push.target))).toEqual([
      { safetyStock: 0, reserved: 2 },
    ]);
    const books = await readLevelBooks(database.storage);
    expect(heldOffLines(books)).toEqual([]);
    expect(decisionsOffHeld(books)).toEqual([]);
  }

  async function expectSweeperDecides(): Promise<void> {
    expect(await levelRow()).toEqual({ held: 2, decision_stale: 1 });
    const clock = new ManualClock(T0);
    const sweeper = new HoldSweeper({
      storage: database.storage,
      clock: clock.now,
      logger: silentLogger(),
      modes,
    });
    await sweeper.runOnce();

    await expectDecided();
  }

  it("killed right after a cart's first hold committed, leaves it decided: nothing to sweep", async () => {
    const { ended } = startInstance({ url: database.url, now: T0, through: 'step' });

    expect(await ended).toMatchObject({ signal: 'SIGKILL' });
    expect(await levelRow()).toEqual({ held: 2, decision_stale: 0 });
    await expectDecided();
  }, 30_000);

  it('killed right after a replacement committed, leaves its mark, and the next sweep decides the level', async () => {
    await placeFirstHold();
    const { ended } = startInstance({ url: database.url, now: T0, through: 'claim' });

    expect(await ended).toMatchObject({ signal: 'SIGKILL' });
    await expectSweeperDecides();
  }, 30_000);

  it.runIf(testEngine === 'postgres')(
    "killed while a replacement's decision round waits, leaves the mark for the sweeper",
    async () => {
      // Another session holds the level's decision row: the round that follows the
      // replacement's claim clears the mark, reads the level, and waits to store the decision.
      await placeFirstHold();
      const blocker = new pg.Client({ connectionString: database.url });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query(
        `SELECT 1 FROM decisions WHERE item_id = 'tee' AND location_handle = 'downtown' FOR UPDATE`,
      );

      const { child, ended } = startInstance({ url: database.url, now: T0, through: 'service' });
      try {
        // Bounded wait for the claim to commit and the round to queue behind the lock.
        const deadline = Date.now() + 15_000;
        while ((await levelRow()).held === 1 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
        child.kill('SIGKILL');
        expect(await ended).toMatchObject({ signal: 'SIGKILL', output: '' });
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await blocker.query('ROLLBACK');
        await blocker.end();
      }

      await expectSweeperDecides();
    },
    30_000,
  );
});
