import { holdPolicySchema } from '../../../src/domain/holds/hold-policy.js';
import { HoldService } from '../../../src/engine/holds/hold-service.js';
import { placeHold } from '../../../src/engine/holds/place-hold.js';
import { openStorage } from '../../../src/storage/open-storage.js';

export interface KilledOrders {
  url: string;
  now: string;
  /** `service`: the whole placement, its decision round left to hang; `claim`: the claim only. */
  through: 'service' | 'claim';
}

const modes = { shopify: 'publish', google: 'shadow' } as const;
const request = {
  client: 'storefront',
  idempotencyKey: 'killed-key',
  cartId: 'killed-cart',
  lines: [{ itemId: 'tee', locationHandle: 'downtown', quantity: 2 }],
};

/**
 * An instance that places one hold of 2 tees and dies by SIGKILL before the hold's decision is
 * made: either killed from outside while its round waits, or by its own hand once the claim
 * has committed.
 */
export async function placeAndDie(orders: KilledOrders): Promise<void> {
  const storage = await openStorage(orders.url);
  if (orders.through === 'claim') {
    await placeHold(
      storage,
      { ...request, fingerprint: 'killed-fingerprint', ttlSeconds: 600 },
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
    client: request.client,
    idempotencyKey: request.idempotencyKey,
    cartId: request.cartId,
    lines: [{ item: 'tee', location: 'downtown', quantity: 2 }],
  });
  // Reached only if the round was not held back: say so, so the test fails loudly.
  process.stdout.write('decided\n');
}
