import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoldSweeper } from '../../../src/engine/holds/hold-sweeper.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import type { HoldService } from '../../../src/engine/holds/hold-service.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import { T0, holdService, modes, seedLevel } from './hold-fixture.js';

/** Two levels at one store and one at another; little stock, so claims meet refusals. */
const LEVELS = [
  { item: 'tee', location: 'downtown', available: 4 },
  { item: 'cap', location: 'downtown', available: 2 },
  { item: 'tee', location: 'uptown', available: 3 },
] as const;

type Op =
  | { kind: 'hold'; cart: number; key: number; lines: [number, number][]; ttlSeconds: number }
  | { kind: 'release'; cart: number }
  | { kind: 'checkout'; cart: number }
  | { kind: 'sweep' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('hold' as const),
      cart: fc.integer({ min: 0, max: 4 }),
      // Keys repeat now and then: a replay or a mismatch racing the first use.
      key: fc.integer({ min: 0, max: 30 }),
      lines: fc.uniqueArray(
        fc.tuple(fc.integer({ min: 0, max: LEVELS.length - 1 }), fc.integer({ min: 1, max: 3 })),
        { minLength: 1, maxLength: 3, selector: ([level]) => level },
      ),
      ttlSeconds: fc.integer({ min: 1, max: 20 }),
    }),
  },
  fc.record({ kind: fc.constant('release' as const), cart: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('checkout' as const), cart: fc.integer({ min: 0, max: 4 }) }),
  fc.constant({ kind: 'sweep' as const }),
);

/** Batches of operations sent at once, the clock moved between batches. */
const rounds = fc.array(
  fc.record({
    ops: fc.array(op, { minLength: 2, maxLength: 8 }),
    advanceSeconds: fc.integer({ min: 0, max: 15 }),
  }),
  { minLength: 1, maxLength: 5 },
);

describe(`holds placed, replaced, released and swept at once, on ${testEngine}`, () => {
  let database: TestDatabase;
  let instances: Storage[];
  beforeAll(async () => {
    database = await openTestDatabase();
    instances = [database.storage, await database.openAnother()];
    for (const level of LEVELS) await seedLevel(database.storage, level);
  });
  afterAll(async () => database.close());

  async function reset(): Promise<void> {
    const db = holdsDb(database.storage.db);
    for (const table of [
      'holds',
      'hold_lines',
      'hold_requests',
      'alerts',
      'decisions',
      'outbox',
    ] as const) {
      await db.deleteFrom(table).execute();
    }
    await db
      .updateTable('levels')
      .set({ held: 0, decision_stale: 0, hold_expiry_bound: null })
      .execute();
  }

  it('keep held equal to the live lines, and the settled decisions equal to held', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(rounds, async (batches) => {
        runs += 1;
        await reset();
        const clock = new ManualClock(T0);
        const services: HoldService[] = instances.map((storage) => holdService(storage, clock));
        const sweepers = instances.map(
          (storage) =>
            new HoldSweeper({ storage, clock: clock.now, logger: silentLogger(), modes }),
        );
        const holdOf = new Map<number, string>();
        const faults: string[] = [];

        const run = async (step: Op, n: number): Promise<void> => {
          const service = services[n % services.length]!;
          try {
            if (step.kind === 'hold') {
              const result = await service.place({
                client: 'storefront',
                idempotencyKey: `run-${runs}-key-${step.key}`,
                cartId: `cart-${step.cart}`,
                lines: step.lines.map(([level, quantity]) => ({
                  item: LEVELS[level]!.item,
                  location: LEVELS[level]!.location,
                  quantity,
                })),
                ttlSeconds: step.ttlSeconds,
              });
              if (result.kind === 'placed') holdOf.set(step.cart, result.hold.id);
            } else if (step.kind === 'sweep') {
              await sweepers[n % sweepers.length]!.runOnce();
            } else {
              const id = holdOf.get(step.cart);
              if (id === undefined) return;
              if (step.kind === 'release') await service.release(id);
              else await service.checkout(id);
            }
          } catch (thrown) {
            faults.push(`${step.kind}: ${String(thrown)}`);
          }
        };

        for (const batch of batches) {
          await Promise.all(batch.ops.map((step, n) => run(step, n)));
          expect(faults).toEqual([]);
          expect(heldOffLines(await readLevelBooks(database.storage))).toEqual([]);
          clock.advance(batch.advanceSeconds * 1000);
        }

        // Once a sweep has run, every level is decided and its decision counts its live holds.
        await sweepers[0]!.runOnce();
        const books = await readLevelBooks(database.storage);
        expect(heldOffLines(books)).toEqual([]);
        expect(decisionsOffHeld(books)).toEqual([]);
      }),
      { numRuns: 10, interruptAfterTimeLimit: 4_000 },
    );
  }, 60_000);
});
