import { holdPolicySchema } from '../../../src/domain/holds/hold-policy.js';
import { HoldService } from '../../../src/engine/holds/hold-service.js';
import { openStorage } from '../../../src/storage/open-storage.js';
import type { Storage } from '../../../src/storage/storage.js';

export interface RaceOrders {
  url?: string;
  instance: string;
  requests: number;
  now: string;
}

export interface RaceTally {
  placed: number;
  refused: number;
  failed: string[];
}

/**
 * One instance's share of the race: `requests` one-unit holds for different carts, all sent at
 * once on this instance's own connection(s).
 */
export async function raceForUnits(orders: RaceOrders, given?: Storage): Promise<RaceTally> {
  const storage = given ?? (await openStorage(orders.url ?? ''));
  const service = new HoldService({
    storage,
    policy: holdPolicySchema.parse({}),
    modes: { shopify: 'publish', google: 'shadow' },
    clock: () => new Date(orders.now),
  });

  const results = await Promise.allSettled(
    Array.from({ length: orders.requests }, (_, n) =>
      service.place({
        client: 'storefront',
        idempotencyKey: `${orders.instance}-${n}`,
        cartId: `${orders.instance}-cart-${n}`,
        lines: [{ item: 'last-tee', location: 'downtown', quantity: 1 }],
      }),
    ),
  );
  if (!given) await storage.close();

  const tally: RaceTally = { placed: 0, refused: 0, failed: [] };
  for (const result of results) {
    if (result.status === 'rejected') tally.failed.push(String(result.reason));
    else if (result.value.kind === 'placed') tally.placed += 1;
    else if (result.value.kind === 'insufficient_stock') tally.refused += 1;
    else tally.failed.push(result.value.kind);
  }
  return tally;
}
