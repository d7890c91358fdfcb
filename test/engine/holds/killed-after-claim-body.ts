import { holdPolicySchema } from '../../../src/domain/holds/hold-policy.js';
import { HoldService } from '../../../src/engine/holds/hold-service.js';
import { placeHold } from '../../../src/engine/holds/place-hold.js';
import { openStorage } from '../../../src/storage/open-storage.js';

export interface KilledOrders {
  url: string;
  now: string;
  /**
   * `service`: the whole placement, its decision round left to hang; `claim`: the placement
   * only, without the service's wait for the round; both replace the cart's hold (the general
   * path). `step`: a cart's first hold, placed by the new-hold step, then killed.
   */
  through: 'service' | 'claim' | 'step';
}

const modes = { shopify: 'publish', google: 'shadow' } as const;

/** The cart whose hold the instance places, with 2 tees; the parent may have placed 1 before. */
export const KILLED_CART = 'killed-cart';

/**
 * An instance that places a hold of 2 tees for `KILLED_CART` and dies by SIGKILL: either killed
 * from outside while its round waits, or by its own hand once the placement has committed.
 */
export async function placeAndDie(orders: KilledOrders): Promise<void> {
  const storage = await openStorage(orders.url);
  if (orders.through !== 'service') {
    await placeHold(
      storage,
      {
        client: 'storefront',
        idempotencyKey: 'killed-key',
        cartId: KILLED_CART,
        lines: [{ itemId: 'tee', locationHandle: 'downtown', quantity: 2 }],
        fingerprint: 'killed-fingerprint',
        ttlSeconds: 600,
      },
      { modes, now: new Date(orders.now) },
    );
    process.kill(process.pid, 'SIGKILL');
    return;
  }

  const service = new HoldService({
    storage,
    policy: holdPolicySchema.parse({}),
    modes,
    clock: () => new Date(orders.now),
  });
  await service.place({
    client: 'storefront',
    idempotencyKey: 'killed-key',
    cartId: KILLED_CART,
    lines: [{ item: 'tee', location: 'downtown', quantity: 2 }],
  });
  // Reached only if the round was not held back: say so, so the test fails loudly.
  process.stdout.write('decided\n');
}
