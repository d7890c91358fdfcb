import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, heldAt, holdService, nextKey, seedLevel, sellableAt } from './hold-fixture.js';

describe(`changing a hold on ${testEngine}`, () => {
  let database: TestDatabase;
  let clock: ManualClock;
  let holdId: string;
  beforeEach(async () => {
    database = await openTestDatabase();
    clock = new ManualClock(T0);
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
    const placed = await service().place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId: 'cart-1',
      lines: [{ item: 'tee', location: 'downtown', quantity: 3 }],
    });
    if (placed.kind !== 'placed') throw new Error(`hold not placed: ${placed.kind}`);
    holdId = placed.hold.id;
  });
  afterEach(async () => database.close());

  const service = () => holdService(database.storage, clock, { checkoutGraceSeconds: 90 });

  it('returns the units on release, and releasing twice changes nothing', async () => {
    const first = await service().release(holdId);
    const second = await service().release(holdId);

    expect(first).toMatchObject({
      kind: 'changed',
      hold: { status: 'released', endReason: 'released' },
    });
    expect(second).toMatchObject({ kind: 'unchanged', hold: { status: 'released' } });
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(0);
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toMatchObject({ sellable: 5 });
  });

  it('releases once when two releases race', async () => {
    const results = await Promise.all([service().release(holdId), service().release(holdId)]);

    expect(results.map((r) => r.kind).sort()).toEqual(['changed', 'unchanged']);
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(0);
  });

  it('at checkout gives the units back to sale and waits for the order', async () => {
    const checkout = await service().checkout(holdId);

    expect(checkout).toMatchObject({
      kind: 'changed',
      hold: { status: 'checkout', graceUntil: '2026-06-01T12:01:30.000Z', endedAt: null },
    });
    expect(await heldAt(database.storage, 'tee', 'downtown')).toBe(0);
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toMatchObject({
      sellable: 5,
      target_reserved: 0,
    });
    expect((await service().checkout(holdId)).kind).toBe('unchanged');
  });

  it('converts an active hold or one at checkout, once', async () => {
    await service().checkout(holdId);
    const converted = await service().convert(holdId, '6100000000001');

    expect(converted).toMatchObject({
      kind: 'changed',
      hold: { status: 'converted', orderId: '6100000000001' },
    });
    expect((await service().convert(holdId)).kind).toBe('unchanged');
    expect(await service().release(holdId)).toMatchObject({
      kind: 'refused',
      hold: { status: 'converted' },
    });
  });

  it('refuses to convert or check out a released hold', async () => {
    await service().release(holdId);

    expect(await service().convert(holdId)).toMatchObject({ kind: 'refused' });
    expect(await service().checkout(holdId)).toMatchObject({ kind: 'refused' });
    expect(await service().extend(holdId, 60)).toMatchObject({ kind: 'refused' });
  });

  it('answers not_found for a hold that does not exist', async () => {
    expect(await service().release('no-such-hold')).toEqual({ kind: 'not_found' });
  });

  it('lists holds by cart and by location, newest first', async () => {
    clock.advance(1000);
    await service().place({
      client: 'storefront',
      idempotencyKey: nextKey(),
      cartId: 'cart-2',
      lines: [{ item: 'tee', location: 'downtown', quantity: 1 }],
    });

    const byLocation = await service().list({ location: 'downtown', limit: 10 });
    const byCart = await service().list({ cartId: 'cart-1', limit: 10 });

    expect(byLocation.map((h) => h.cartId)).toEqual(['cart-2', 'cart-1']);
    expect(byCart.map((h) => h.id)).toEqual([holdId]);
  });
});
