import { holdPolicySchema } from '../../../src/domain/holds/hold-policy.js';
import { HoldService } from '../../../src/engine/holds/hold-service.js';
import { openStorage } from '../../../src/storage/open-storage.js';

export interface StreamOrders {
  url: string;
  now: string;
  /** Bounds: the instance stops by itself after this many requests or this long. */
  requests: number;
  ms: number;
  /** Keys and carts are `<prefix>-k-<n>` and `<prefix>-cart-<n>`. */
  prefix: string;
}

/**
 * An instance placing first holds in waves of 24 (multi-line, for carts of their own, some
 * for the last units), printing `answered <key> <kind> <holdId>` for each answer the moment it
 * has it, until it is killed or its bounds run out.
 */
export async function streamHolds(orders: StreamOrders): Promise<void> {
  const storage = await openStorage(orders.url);
  const service = new HoldService({
    storage,
    policy: holdPolicySchema.parse({}),
    modes: { shopify: 'publish', google: 'shadow' },
    clock: () => new Date(orders.now),
  });
  const deadline = Date.now() + orders.ms;

  for (let start = 0; start < orders.requests && Date.now() < deadline; start += 24) {
    await Promise.all(
      Array.from({ length: 24 }, async (_, n) => {
        const r = start + n;
        const lines = linesOf(r);
        try {
          const placement = await service.place({
            client: 'storefront',
            idempotencyKey: `${orders.prefix}-k-${r}`,
            cartId: `${orders.prefix}-cart-${r}`,
            lines,
          });
          const id = 'hold' in placement ? placement.hold.id : '-';
          process.stdout.write(`answered ${orders.prefix}-k-${r} ${placement.kind} ${id}\n`);
        } catch (thrown) {
          process.stdout.write(
            `answered ${orders.prefix}-k-${r} threw ${String(thrown).replace(/\s+/g, '_')}\n`,
          );
        }
      }),
    );
  }
  await storage.close();
}

/** Request n's lines: two or three levels, sometimes the same item twice, sometimes the last units. */
export function linesOf(r: number) {
  return [
    { item: 'tee', location: 'downtown', quantity: 1 + (r % 3) },
    { item: 'cap', location: 'downtown', quantity: 1 },
    ...(r % 5 === 0 ? [{ item: 'tee', location: 'downtown', quantity: 1 }] : []),
    ...(r % 7 === 0 ? [{ item: 'last', location: 'downtown', quantity: 1 }] : []),
  ];
}
