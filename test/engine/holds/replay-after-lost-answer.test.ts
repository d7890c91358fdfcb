import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestFingerprint } from '../../../src/domain/holds/request-fingerprint.js';
import { placeHold } from '../../../src/engine/holds/place-hold.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, holdService, modes, seedLevel, sellableAt } from './hold-fixture.js';

/**
 * An instance claims and commits, then dies before its decision round: the caller never heard
 * the 201 and sends the same request, with the same key, to another instance. That answer is
 * a replay; README: "the 201 is sent once the round that follows the claim has stored the
 * decision and queued the Shopify move, so a read after the 201 already shows the lower
 * sellable".
 */
describe(`a replay of a hold whose first answer was lost, on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
  });
  afterEach(async () => database.close());

  it('is answered once the hold has its decision, as the first answer would have been', async () => {
    const clock = new ManualClock(T0);
    const lines = [{ item: 'tee', location: 'downtown', quantity: 2 }];
    const claimed = await placeHold(
      database.storage,
      {
        client: 'storefront',
        idempotencyKey: 'lost-answer',
        fingerprint: requestFingerprint({ cartId: 'cart-1', lines, ttlSeconds: undefined }),
        cartId: 'cart-1',
        lines: [{ itemId: 'tee', locationHandle: 'downtown', quantity: 2 }],
        ttlSeconds: 600,
      },
      { modes, now: clock.now() },
    );
    expect(claimed.kind).toBe('placed');

    const again = await holdService(database.storage, clock).place({
      client: 'storefront',
      idempotencyKey: 'lost-answer',
      cartId: 'cart-1',
      lines,
    });

    expect(again.kind).toBe('replayed');
    expect(await sellableAt(database.storage, 'tee', 'downtown')).toEqual({
      sellable: 3,
      held: 2,
      target_reserved: 2,
    });
  });
});
