import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HoldSweeper } from '../../../src/engine/holds/hold-sweeper.js';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { placeHold } from '../../../src/engine/holds/place-hold.js';
import { requestFingerprint } from '../../../src/domain/holds/request-fingerprint.js';
import { StaleLevelRefresher } from '../../../src/engine/holds/stale-level-refresher.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, holdService, modes, nextKey, seedLevel, sellableAt } from './hold-fixture.js';

const TEE = { itemId: 'tee', locationHandle: 'downtown' };

describe(`claimed levels decided after COMMIT on ${testEngine}`, () => {
  let database: TestDatabase;
  let clock: ManualClock;
  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(T0);
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
  });
  afterEach(async () => database.close());

  /**
   * A placement as `placeHold` leaves it, without the service's wait for the stale-level
   * refresher: a first hold decided, a replacement only marked.
   */
  const claimOnly = (cartId: string, quantity: number) =>
    placeHold(
      database.storage,
      {
        client: 'storefront',
        idempotencyKey: nextKey(),
        fingerprint: `fingerprint-${cartId}`,
        cartId,
        lines: [{ ...TEE, quantity }],
        ttlSeconds: 600,
      },
      { modes, now: clock.now() },
    );

  const levelRow = () =>
    holdsDb(database.storage.db)
      .selectFrom('levels')
      .select(['held', 'decision_stale', 'hold_expiry_bound'])
      .where('item_id', '=', 'tee')
      .executeTakeFirstOrThrow();

  const decisionVersion = async () =>
    (
      await database.storage.db
        .selectFrom('decisions')
        .select('version')
        .where('item_id', '=', 'tee')
        .executeTakeFirst()
    )?.version ?? 0;

  it("decides a cart's first hold in its own transaction: nothing is left marked", async () => {
    const placed = await claimOnly('cart-1', 2);

    expect(placed).toMatchObject({ kind: 'placed', unsettled: [] });
    expect(await levelRow()).toMatchObject({ held: 2, decision_stale: 0 });
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toEqual({
      sellable: 3,
      held: 2,
      target_reserved: 2,
    });
  });

  it('leaves a committed replacement marked, and the next sweep round decides it and queues the push', async () => {
    await claimOnly('cart-1', 1);

    // The cart holds again: the general path. As if the process died right after its COMMIT:
    // held, marked, not yet decided (the decision still counts the first hold's one unit).
    expect(await claimOnly('cart-1', 2)).toMatchObject({
      kind: 'placed',
      unsettled: [{ itemId: 'tee', locationHandle: 'downtown' }],
    });
    expect(await levelRow()).toMatchObject({ held: 2, decision_stale: 1 });
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toMatchObject({ held: 1 });

    const sweeper = new HoldSweeper({
      storage: database.storage,
      clock: clock.now,
      logger: silentLogger(),
      modes,
    });
    await sweeper.runOnce();

    // 5 available, 2 held: 3 sellable, and Shopify is asked to reserve the 2.
    expect(await levelRow()).toMatchObject({ held: 2, decision_stale: 0 });
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toEqual({
      sellable: 3,
      held: 2,
      target_reserved: 2,
    });
    const push = await database.storage.db
      .selectFrom('outbox')
      .select('target')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(push.target)).toEqual({ safetyStock: 0, reserved: 2 });
  });

  it('makes one decision for the claims that asked in the same turn, and another for a later one', async () => {
    await claimOnly('cart-1', 1);
    await claimOnly('cart-2', 1);
    const before = await decisionVersion();
    // Both carts hold again, on the general path: two claims marked, none decided.
    await claimOnly('cart-1', 2);
    await claimOnly('cart-2', 2);
    const refresher = StaleLevelRefresher.of(database.storage, modes, clock.now);

    await Promise.all([refresher.settle([TEE]), refresher.settle([TEE]), refresher.settle([TEE])]);
    expect(await decisionVersion()).toBe(before + 1);
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toMatchObject({ held: 4 });

    await claimOnly('cart-1', 1);
    await refresher.settle([TEE]);
    expect(await decisionVersion()).toBe(before + 2);
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toMatchObject({ held: 3 });

    // Nothing is marked: a further settle decides nothing.
    await refresher.settle([TEE]);
    expect(await decisionVersion()).toBe(before + 2);
  });

  it("settles a replay's claimed level though the cart held elsewhere since", async () => {
    await seedLevel(database.storage, { item: 'mug', location: 'downtown', available: 5 });
    await claimOnly('cart-1', 1);
    const lines = [{ item: 'tee', location: 'downtown', quantity: 2 }];
    const place = (key: string, fingerprint: string, held: typeof lines) =>
      placeHold(
        database.storage,
        {
          client: 'storefront',
          idempotencyKey: key,
          fingerprint,
          cartId: 'cart-1',
          lines: held.map((l) => ({
            itemId: l.item,
            locationHandle: l.location,
            quantity: l.quantity,
          })),
          ttlSeconds: 600,
        },
        { modes, now: clock.now() },
      );

    // The replacement's instance died after COMMIT, before its round: tee stays marked. The
    // cart then held a mug instead (that request's own round not run either).
    const fingerprint = requestFingerprint({ cartId: 'cart-1', lines, ttlSeconds: undefined });
    expect((await place('tee-2', fingerprint, lines)).kind).toBe('placed');
    const mug = [{ item: 'mug', location: 'downtown', quantity: 1 }];
    expect((await place('mug-1', 'fingerprint-mug', mug)).kind).toBe('placed');
    expect(await levelRow()).toMatchObject({ decision_stale: 1 });

    // The client retries its tee request: the replay names the hold, now a mug.
    const replay = await holdService(database.storage, clock).place({
      client: 'storefront',
      idempotencyKey: 'tee-2',
      cartId: 'cart-1',
      lines,
    });

    expect(replay.kind).toBe('replayed');
    expect(await levelRow()).toMatchObject({ held: 0, decision_stale: 0 });
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toMatchObject({ held: 0 });
  });

  it('answers a placed hold only once its level is decided', async () => {
    const placed = await holdService(database.storage, clock).place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId: 'cart-1',
      lines: [{ item: 'tee', location: 'downtown', quantity: 4 }],
    });

    expect(placed.kind).toBe('placed');
    expect(await levelRow()).toMatchObject({ held: 4, decision_stale: 0 });
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toEqual({
      sellable: 1,
      held: 4,
      target_reserved: 4,
    });
  });
});

describe(`the level's expiry bound on ${testEngine}`, () => {
  let database: TestDatabase;
  let clock: ManualClock;
  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(T0);
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 3 });
  });
  afterEach(async () => database.close());

  const place = (cartId: string, quantity: number, ttlSeconds: number) =>
    holdService(database.storage, clock).place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId,
      lines: [{ item: 'tee', location: 'downtown', quantity }],
      ttlSeconds,
    });

  const bound = async () =>
    (
      await holdsDb(database.storage.db)
        .selectFrom('levels')
        .select('hold_expiry_bound')
        .where('item_id', '=', 'tee')
        .executeTakeFirstOrThrow()
    ).hold_expiry_bound;

  it('is the earliest expiry of the live holds, and moves on when a claim releases the earliest', async () => {
    await place('cart-a', 1, 600); // expires 12:10:00
    await place('cart-b', 1, 60); // expires 12:01:00, the earlier
    expect(await bound()).toBe('2026-06-01T12:01:00.000Z');

    // At 12:01:00 cart-b's hold has run out: a claim for all 2 unheld units releases it first.
    clock.set('2026-06-01T12:01:00.000Z');
    expect((await place('cart-c', 2, 900)).kind).toBe('placed'); // expires 12:16:00

    // Left live: cart-a (12:10:00) and cart-c (12:16:00).
    expect(await bound()).toBe('2026-06-01T12:10:00.000Z');
  });

  it('unknown on a level held before the bound existed: a claim still finds the expired hold', async () => {
    await place('cart-a', 3, 60);
    await holdsDb(database.storage.db)
      .updateTable('levels')
      .set({ hold_expiry_bound: null })
      .execute();

    clock.set('2026-06-01T12:01:00.000Z');
    expect((await place('cart-b', 3, 600)).kind).toBe('placed');
    expect(await bound()).toBe('2026-06-01T12:11:00.000Z');
  });

  it('ahead of now, a claim at a level with every unit held is refused without releasing anything', async () => {
    await place('cart-a', 3, 600);

    clock.set('2026-06-01T12:09:59.000Z');
    const refused = await place('cart-b', 1, 600);

    expect(refused).toMatchObject({ kind: 'insufficient_stock' });
    expect(await bound()).toBe('2026-06-01T12:10:00.000Z');
  });
});
