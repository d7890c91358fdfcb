import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { StaleLevelRefresher } from '../../../src/engine/holds/stale-level-refresher.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, heldAt, holdService, modes, nextKey, seedLevel, sellableAt } from './hold-fixture.js';

const line = { item: 'tee', location: 'downtown', quantity: 2 };

describe(`a hold whose expiry an extend brought forward, on ${testEngine}`, () => {
  let database: TestDatabase;
  let clock: ManualClock;
  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(T0);
    // 2 units, no buffer: one hold of 2 takes the level.
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 2 });
  });
  afterEach(async () => database.close());

  /** A 10-minute hold of both units, then extended to 5 seconds from now. */
  async function holdShortenedToFiveSeconds(): Promise<string> {
    const service = holdService(database.storage, clock);
    const placed = await service.place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId: 'cart-early',
      lines: [line],
      ttlSeconds: 600,
    });
    if (placed.kind !== 'placed') throw new Error(`setup hold was ${placed.kind}`);
    const extended = await service.extend(placed.hold.id, 5);
    expect(extended).toMatchObject({
      kind: 'changed',
      hold: { expiresAt: '2026-06-01T12:00:05.000Z' },
    });
    return placed.hold.id;
  }

  it('no longer stands in the way of another cart from the second it expires', async () => {
    const early = await holdShortenedToFiveSeconds();
    clock.advance(5_000);
    const service = holdService(database.storage, clock);

    // The hold has expired by its own expiry: it reads so.
    expect((await service.get(early))?.status).toBe('expired');
    const next = await service.place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId: 'cart-late',
      lines: [line],
    });

    expect(next.kind).toBe('placed');
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(2);
  });

  it('stops counting in the decision a refresh makes after it expired', async () => {
    await holdShortenedToFiveSeconds();
    clock.advance(5_000);

    // As if a claim had marked the level: the refresher's round decides it.
    await holdsDb(database.storage.db)
      .updateTable('levels')
      .set({ decision_stale: 1 })
      .where('item_id', '=', 'tee')
      .execute();
    await StaleLevelRefresher.of(database.storage, modes, clock.now).settleAll();

    expect(await sellableAt(database.storage, 'tee', 'downtown')).toEqual({
      sellable: 2,
      held: 0,
      target_reserved: 0,
    });
  });
});
