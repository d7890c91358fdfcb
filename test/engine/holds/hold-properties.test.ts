import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleSettingsSchema } from '../../../src/channels/google/google-settings.js';
import { googleQuantityFor } from '../../../src/channels/google/google-target.js';
import { refreshDecision } from '../../../src/engine/decision/refresh-decision.js';
import { HoldSweeper } from '../../../src/engine/holds/hold-sweeper.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, holdService, modes, seedLevel } from './hold-fixture.js';

const BUFFER = 1;
const START_AVAILABLE = 8;
const level = { itemId: 'tee', locationHandle: 'downtown' };

type Op =
  | { kind: 'hold'; cart: number; quantity: number; ttlSeconds: number }
  | { kind: 'release'; cart: number }
  | { kind: 'checkout'; cart: number }
  | { kind: 'advance'; seconds: number }
  | { kind: 'sale'; units: number }
  | { kind: 'count'; available: number }
  | { kind: 'reread' }
  | { kind: 'pushed' }
  | { kind: 'sweep' };

const cart = fc.integer({ min: 0, max: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('hold' as const),
      cart,
      quantity: fc.integer({ min: 1, max: 4 }),
      ttlSeconds: fc.integer({ min: 1, max: 90 }),
    }),
  },
  fc.record({ kind: fc.constant('release' as const), cart }),
  fc.record({ kind: fc.constant('checkout' as const), cart }),
  fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ kind: fc.constant('sale' as const), units: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('count' as const), available: fc.integer({ min: -2, max: 12 }) }),
  fc.constant({ kind: 'reread' as const }),
  fc.constant({ kind: 'pushed' as const }),
  fc.constant({ kind: 'sweep' as const }),
);

/** What the holds should be, worked out without the database. */
interface ModelHold {
  id: string;
  quantity: number;
  expiresAt: number;
  counting: boolean;
}

describe(`holds under random sequences on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedLevel(database.storage, {
      item: 'tee',
      location: 'downtown',
      available: START_AVAILABLE,
      bufferUnits: BUFFER,
    });
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
      'pickup_orders',
    ] as const) {
      await db.deleteFrom(table).execute();
    }
    await db
      .updateTable('levels')
      .set({
        available: START_AVAILABLE,
        held: 0,
        reserved: 0,
        safety_stock: 0,
        placed_reserved: 0,
        placed_safety_stock: 0,
      })
      .execute();
  }

  const googleDefaults = googleSettingsSchema.parse({});
  const googleQuantity = (sellable: number) => googleQuantityFor(sellable, googleDefaults);

  it('keeps every counter true: nothing negative, sellable never above gross less live holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 30 }), async (ops) => {
        await reset();
        const clock = new ManualClock(T0);
        const service = holdService(database.storage, clock);
        const sweeper = new HoldSweeper({
          storage: database.storage,
          clock: clock.now,
          logger: silentLogger(),
          modes,
        });
        const holds = new Map<number, ModelHold>();
        // Gross: what the store could sell; Shopify's available is gross less what we placed.
        let gross = START_AVAILABLE;
        let requests = 0;

        const live = () =>
          [...holds.values()].filter((h) => h.counting && h.expiresAt > clock.now().getTime());
        const liveUnits = () => live().reduce((sum, h) => sum + h.quantity, 0);
        const decide = () =>
          database.storage.db
            .transaction()
            .execute((trx) => refreshDecision(trx, level, modes, null, clock.now().toISOString()));
        const stored = async () => {
          const db = holdsDb(database.storage.db);
          const row = await db
            .selectFrom('levels')
            .select(['held', 'available', 'placed_reserved', 'placed_safety_stock'])
            .executeTakeFirstOrThrow();
          const lines = await db
            .selectFrom('hold_lines')
            .innerJoin('holds', 'holds.id', 'hold_lines.hold_id')
            .select(['hold_lines.quantity'])
            .where('holds.status', '=', 'active')
            .execute();
          const decision = await db
            .selectFrom('decisions')
            .select(['sellable', 'held'])
            .executeTakeFirst();
          return { ...row, activeLines: lines.reduce((sum, l) => sum + l.quantity, 0), decision };
        };

        for (const step of ops) {
          switch (step.kind) {
            case 'hold': {
              await decide();
              const before = (await stored()).decision?.sellable ?? 0;
              const own = live().find((h) => h.id === holds.get(step.cart)?.id)?.quantity ?? 0;
              const unclaimed = gross - BUFFER - (liveUnits() - own);
              requests += 1;
              const result = await service.place({
                client: 'prop',
                idempotencyKey: `k${requests}`,
                cartId: `cart-${step.cart}`,
                lines: [{ item: 'tee', location: 'downtown', quantity: step.quantity }],
                ttlSeconds: step.ttlSeconds,
              });

              expect(result.kind).toBe(
                step.quantity <= unclaimed ? 'placed' : 'insufficient_stock',
              );
              if (result.kind !== 'placed') break;
              holds.set(step.cart, {
                id: result.hold.id,
                quantity: step.quantity,
                expiresAt: clock.now().getTime() + step.ttlSeconds * 1000,
                counting: true,
              });
              const after = (await stored()).decision?.sellable;
              // One held unit lowers the API's value by exactly one (less what the cart gave back),
              // and Google's, which is derived from the same stored decision (default policy).
              if (own === 0) {
                expect(after).toBe(before - step.quantity);
                expect(googleQuantity(after ?? 0)).toBe(googleQuantity(before) - step.quantity);
              }
              expect(after).toBe(Math.max(0, unclaimed - step.quantity));
              break;
            }
            case 'release':
            case 'checkout': {
              const hold = holds.get(step.cart);
              if (!hold) break;
              const result =
                step.kind === 'release'
                  ? await service.release(hold.id)
                  : await service.checkout(hold.id);
              expect(result.kind).not.toBe('not_found');
              if (step.kind === 'release') holds.delete(step.cart);
              else if (result.kind === 'changed') hold.counting = false;
              break;
            }
            case 'advance':
              clock.advance(step.seconds * 1000);
              break;
            case 'sale':
            case 'count': {
              // A re-read brings Shopify's new available (a POS sale can take it below zero).
              const placed = await stored();
              const available =
                step.kind === 'sale' ? placed.available - step.units : step.available;
              gross = available + placed.placed_reserved + placed.placed_safety_stock;
              await database.storage.db.updateTable('levels').set({ available }).execute();
              await decide();
              break;
            }
            case 'pushed': {
              // Shopify accepted the outbox's move: our units left available for their states.
              const decision = await database.storage.db
                .selectFrom('decisions')
                .selectAll()
                .executeTakeFirst();
              if (!decision) break;
              const moved = decision.target_reserved + decision.target_safety_stock;
              await database.storage.db
                .updateTable('levels')
                .set({
                  available: sql<number>`available + placed_reserved + placed_safety_stock - ${moved}`,
                  placed_reserved: decision.target_reserved,
                  reserved: decision.target_reserved,
                  placed_safety_stock: decision.target_safety_stock,
                  safety_stock: decision.target_safety_stock,
                })
                .execute();
              break;
            }
            case 'reread':
              await decide();
              break;
            case 'sweep':
              await sweeper.runOnce();
              break;
          }

          const now = await stored();
          expect(now.held).toBeGreaterThanOrEqual(0);
          expect(now.placed_reserved).toBeGreaterThanOrEqual(0);
          expect(now.placed_safety_stock).toBeGreaterThanOrEqual(0);
          // The counter is exactly the live holds' lines; expired ones may count until swept, never less.
          expect(now.held).toBe(now.activeLines);
          expect(now.held).toBeGreaterThanOrEqual(liveUnits());

          // Reading the level releases what expired: then held and sellable are exact.
          await decide();
          const read = await stored();
          expect(read.held).toBe(liveUnits());
          expect(read.decision?.sellable).toBe(Math.max(0, gross - BUFFER - liveUnits()));
          expect(read.decision?.sellable ?? 0).toBeLessThanOrEqual(
            Math.max(0, gross - liveUnits()),
          );
          expect(read.available + read.placed_reserved + read.placed_safety_stock).toBe(gross);
        }
      }),
      { numRuns: testEngine === 'postgres' ? 20 : 60 },
    );
  }, 120_000);
});
