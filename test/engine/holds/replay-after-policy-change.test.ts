import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, heldAt, holdService, seedLevel } from './hold-fixture.js';

/**
 * A client that lost the 201 sends the same request again with the same key. Whatever changed
 * meanwhile (the policy, the item), it hears of the hold it placed, not a refusal for a hold it
 * holds; a new key is judged by the rules as they are now.
 */
describe(`a replay after the rules changed is answered with the hold it placed, on ${testEngine}`, () => {
  let database: TestDatabase;
  let clock: ManualClock;
  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(T0);
    await seedLevel(database.storage, {
      item: 'tee',
      location: 'downtown',
      available: 5,
      tags: ['hold-ok'],
    });
  });
  afterEach(async () => database.close());

  const request = (idempotencyKey: string, cartId = 'cart-1') => ({
    client: 'storefront',
    idempotencyKey,
    cartId,
    lines: [{ item: 'tee', location: 'downtown', quantity: 2 }],
    ttlSeconds: 600,
  });

  it('replays after the tag that made the item eligible left the policy', async () => {
    const placed = await holdService(database.storage, clock, { tags: ['hold-ok'] }).place(
      request('k-1'),
    );
    if (placed.kind !== 'placed') throw new Error(`not placed: ${placed.kind}`);

    const stricter = holdService(database.storage, clock, { tags: ['clearance'] });
    const replay = await stricter.place(request('k-1'));
    const fresh = await stricter.place(request('k-2', 'cart-2'));

    expect(replay).toMatchObject({ kind: 'replayed', hold: { id: placed.hold.id } });
    expect(fresh.kind).toBe('ineligible');
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(2);
  });

  it('replays after the longest TTL was lowered under the one the hold asked for', async () => {
    const placed = await holdService(database.storage, clock).place(request('k-1'));
    if (placed.kind !== 'placed') throw new Error(`not placed: ${placed.kind}`);

    const shorter = holdService(database.storage, clock, {
      defaultTtlSeconds: 300,
      maxTtlSeconds: 300,
    });
    const replay = await shorter.place(request('k-1'));

    expect(replay).toMatchObject({ kind: 'replayed', hold: { id: placed.hold.id } });
    await expect(shorter.place(request('k-2', 'cart-2'))).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('replays after the item was deleted, and still refuses another body under the key', async () => {
    const service = holdService(database.storage, clock);
    const placed = await service.place(request('k-1'));
    if (placed.kind !== 'placed') throw new Error(`not placed: ${placed.kind}`);
    await holdsDb(database.storage.db)
      .updateTable('items')
      .set({ deleted_at: T0 })
      .where('id', '=', 'tee')
      .execute();

    const replay = await service.place(request('k-1'));
    const otherBody = await service.place({ ...request('k-1'), ttlSeconds: 60 });

    expect(replay).toMatchObject({ kind: 'replayed', hold: { id: placed.hold.id } });
    expect(otherBody).toEqual({ kind: 'idempotency_mismatch', holdId: placed.hold.id });
    await expect(service.place(request('k-3', 'cart-3'))).rejects.toMatchObject({
      code: 'unknown_item',
    });
  });
});
