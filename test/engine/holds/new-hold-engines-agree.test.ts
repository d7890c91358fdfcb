import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoldSweeper } from '../../../src/engine/holds/hold-sweeper.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import type { NewHold } from '../../../src/engine/holds/new-hold.js';
import { placeNewHolds } from '../../../src/engine/holds/place-new-holds.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openStorage } from '../../../src/storage/open-storage.js';
import type { Storage } from '../../../src/storage/storage.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, modes, seedLevel, seedLevelBuffer } from './hold-fixture.js';

/**
 * The levels every run starts from. Item ids carry the characters a text array literal treats
 * specially (quote, backslash, comma, braces, the word NULL), since PostgreSQL's function takes
 * the lines as arrays.
 */
const LEVELS = [
  { item: 'tee', location: 'downtown', available: 6 },
  { item: 'cap', location: 'downtown', available: 2 },
  { item: 'odd "q",{x}\\', location: 'downtown', available: 3 },
  { item: 'NULL', location: 'uptown', available: 4 },
  { item: 'tee', location: 'uptown', available: 0 },
] as const;
/** A level no row stands for: the item is not stocked there. */
const MISSING = { item: 'cap', location: 'uptown' };
const TARGETS = [...LEVELS, MISSING];

interface PlaceRequest {
  cart: number;
  key: number;
  lines: [number, number][];
  ttlSeconds: number;
}

type Op =
  | { kind: 'place'; holds: PlaceRequest[] }
  | { kind: 'advance'; seconds: number }
  | { kind: 'sweep' };

const placeRequest: fc.Arbitrary<PlaceRequest> = fc.record({
  cart: fc.integer({ min: 0, max: 3 }),
  key: fc.integer({ min: 0, max: 7 }),
  lines: fc.uniqueArray(
    fc.tuple(fc.integer({ min: 0, max: TARGETS.length - 1 }), fc.integer({ min: 1, max: 3 })),
    { minLength: 1, maxLength: 3, selector: ([target]) => target },
  ),
  ttlSeconds: fc.integer({ min: 1, max: 40 }),
});

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    // A group of holds placed together, as the queue gathers those that arrive meanwhile.
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      holds: fc.array(placeRequest, { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      seconds: fc.integer({ min: 0, max: 30 }),
    }),
  },
  fc.constant({ kind: 'sweep' as const }),
);

/** A hold request as the new-hold step takes it: its demand summed per level, in lock order. */
function newHold(step: PlaceRequest, serial: string, at: Date): NewHold {
  const demand = step.lines
    .map(([target, quantity]) => ({
      itemId: TARGETS[target]!.item,
      locationHandle: TARGETS[target]!.location,
      quantity,
    }))
    .sort((a, b) =>
      a.locationHandle !== b.locationHandle
        ? a.locationHandle < b.locationHandle
          ? -1
          : 1
        : a.itemId < b.itemId
          ? -1
          : a.itemId > b.itemId
            ? 1
            : 0,
    );
  return {
    holdId: `hold-${serial}`,
    cartId: `cart-${step.cart}`,
    client: 'storefront',
    idempotencyKey: `key-${step.key}`,
    fingerprint: `fingerprint-${serial}`,
    demand,
    now: at.toISOString(),
    expiresAt: new Date(at.getTime() + step.ttlSeconds * 1000).toISOString(),
  };
}

async function seed(storage: Storage): Promise<void> {
  for (const level of LEVELS) await seedLevel(storage, { ...level, bufferUnits: 0 });
  // Buffers from all three places a claim looks: the location, a computed level buffer, and
  // a stored decision's (which wins over the other two).
  const db = holdsDb(storage.db);
  await db
    .updateTable('locations')
    .set({ buffer_units: 1 })
    .where('handle', '=', 'uptown')
    .execute();
  await seedLevelBuffer(storage.db, { item: 'cap', location: 'downtown', bufferUnits: 1 });
  // Uptown's tee is disconnected: only what trueshelf placed counts toward its gross.
  await db
    .updateTable('levels')
    .set({ connected: 0, placed_safety_stock: 2 })
    .where('item_id', '=', 'tee')
    .where('location_handle', '=', 'uptown')
    .execute();
}

async function reset(storage: Storage): Promise<void> {
  const db = holdsDb(storage.db);
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

/** What the new-hold step wrote and decided, in an order both engines agree on. */
async function books(storage: Storage) {
  const db = holdsDb(storage.db);
  const levels = await db
    .selectFrom('levels')
    .select(['item_id', 'location_handle', 'held', 'decision_stale', 'hold_expiry_bound'])
    .execute();
  const holds = await db
    .selectFrom('holds')
    .select(['id', 'cart_id', 'status', 'expires_at'])
    .execute();
  const lines = await db
    .selectFrom('hold_lines')
    .select(['hold_id', 'item_id', 'location_handle', 'quantity', 'left_at'])
    .execute();
  const requests = await db
    .selectFrom('hold_requests')
    .select(['idempotency_key', 'hold_id'])
    .execute();
  const decisions = await db
    .selectFrom('decisions')
    .select(['item_id', 'location_handle', 'sellable', 'held', 'target_reserved'])
    .execute();
  const pushes = await db
    .selectFrom('outbox')
    .select(['item_id', 'location_handle', 'target'])
    .where('channel', '=', 'shopify')
    .execute();
  const byText = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
  return {
    decisions: decisions
      .map((row) => ({
        ...row,
        sellable: Number(row.sellable),
        held: Number(row.held),
        target_reserved: Number(row.target_reserved),
      }))
      .sort(byText),
    pushes: pushes
      .map((row) => ({ ...row, target: JSON.parse(row.target) as unknown }))
      .sort(byText),
    levels: levels.map((row) => ({ ...row, held: Number(row.held) })).sort(byText),
    holds: holds.sort(byText),
    lines: lines.map((row) => ({ ...row, quantity: Number(row.quantity) })).sort(byText),
    requests: requests.sort(byText),
  };
}

describe.runIf(testEngine === 'postgres')(
  "a cart's first hold: the PostgreSQL function and SQLite's statements",
  () => {
    let postgres: TestDatabase;
    let dir: string;
    let sqlite: Storage;
    beforeAll(async () => {
      postgres = await openTestDatabase();
      dir = mkdtempSync(join(tmpdir(), 'trueshelf-agree-'));
      sqlite = await openStorage(`sqlite:${join(dir, 'agree.db')}`);
      await seed(postgres.storage);
      await seed(sqlite);
    });
    afterAll(async () => {
      await sqlite.close();
      await postgres.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answer the same and write the same for the same sequence of requests', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 20 }), async (ops) => {
          const engines = [postgres.storage, sqlite];
          const clock = new ManualClock(T0);
          const sweepers = engines.map(
            (storage) =>
              new HoldSweeper({ storage, clock: clock.now, logger: silentLogger(), modes }),
          );
          for (const storage of engines) await reset(storage);

          for (const [serial, step] of ops.entries()) {
            if (step.kind === 'advance') {
              clock.advance(step.seconds * 1000);
              continue;
            }
            if (step.kind === 'sweep') {
              for (const sweeper of sweepers) await sweeper.runOnce();
            } else {
              const holds = step.holds.map((request, index) =>
                newHold(request, `${serial}.${index}`, clock.now()),
              );
              const [onPostgres, onSqlite] = [
                await placeNewHolds(postgres.storage, holds, modes),
                await placeNewHolds(sqlite, holds, modes),
              ];
              expect({ step: serial, outcome: onPostgres }).toEqual({
                step: serial,
                outcome: onSqlite,
              });
            }
            expect(await books(postgres.storage)).toEqual(await books(sqlite));
          }
        }),
        { numRuns: 80, interruptAfterTimeLimit: 20_000 },
      );
    }, 60_000);
  },
);
