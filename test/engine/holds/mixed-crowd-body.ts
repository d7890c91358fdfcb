import { holdPolicySchema } from '../../../src/domain/holds/hold-policy.js';
import { HoldService } from '../../../src/engine/holds/hold-service.js';
import type { HoldLineInput } from '../../../src/engine/holds/resolve-hold-lines.js';
import { openStorage } from '../../../src/storage/open-storage.js';
import type { Storage } from '../../../src/storage/storage.js';

/** The levels a crowd aims at; `cap` at uptown has no level row (not stocked there). */
export const CROWD_TARGETS: readonly { item: string; location: string }[] = [
  { item: 'tee', location: 'downtown' },
  { item: 'cap', location: 'downtown' },
  { item: 'tee', location: 'uptown' },
  { item: 'mug', location: 'uptown' },
  { item: 'pin', location: 'downtown' },
  { item: 'cap', location: 'uptown' },
];

export interface CrowdOrders {
  url?: string;
  instance: number;
  requests: number;
  /** Requests sent at once; the next wave starts when one has been answered. */
  wave: number;
  seed: number;
  now: string;
}

export interface CrowdRequest {
  key: string;
  cartId: string;
  lines: HoldLineInput[];
}

export interface CrowdAnswer extends CrowdRequest {
  kind: string;
  holdId?: string;
  why?: string;
}

/** A small deterministic generator, so every instance draws the same shared bodies. */
function generator(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * below;
  };
}

/** 1 to 3 lines; sometimes the same item twice, sometimes by SKU, sometimes a missing level. */
function linesFrom(random: (below: number) => number): HoldLineInput[] {
  const count = 1 + Math.floor(random(3));
  const lines: HoldLineInput[] = [];
  for (let n = 0; n < count; n += 1) {
    // The missing level is rare, or nearly every multi-line hold would be refused.
    const pick = random(1) < 0.05 ? 5 : Math.floor(random(5));
    const target = CROWD_TARGETS[pick]!;
    const quantity = 1 + Math.floor(random(2));
    lines.push(
      random(1) < 0.3
        ? { sku: `SKU-${target.item}`, location: target.location, quantity }
        : { item: target.item, location: target.location, quantity },
    );
  }
  return lines;
}

/**
 * One instance's requests: most with a key of their own for one of 30 carts every instance
 * shares; some with a key every instance sends with the same body (`dup-`), some with a key
 * every instance sends with its own body (`mm-`).
 */
export function crowdRequests(orders: CrowdOrders): CrowdRequest[] {
  const random = generator(orders.seed * 1000 + orders.instance);
  return Array.from({ length: orders.requests }, (_, n): CrowdRequest => {
    const roll = random(1);
    if (roll < 0.15) {
      const k = Math.floor(random(8));
      const shared = generator(orders.seed * 7919 + k);
      return { key: `dup-${k}`, cartId: `dup-cart-${k}`, lines: linesFrom(shared) };
    }
    if (roll < 0.3) {
      const k = Math.floor(random(8));
      return { key: `mm-${k}`, cartId: `mm-cart-${k}`, lines: linesFrom(random) };
    }
    return {
      key: `u-${orders.instance}-${n}`,
      cartId: `c-${Math.floor(random(30))}`,
      lines: linesFrom(random),
    };
  });
}

/** Sends the instance's requests in waves on its own storage; answers each. */
export async function runCrowd(orders: CrowdOrders, given?: Storage): Promise<CrowdAnswer[]> {
  const storage = given ?? (await openStorage(orders.url ?? ''));
  const service = new HoldService({
    storage,
    policy: holdPolicySchema.parse({}),
    modes: { shopify: 'publish', google: 'shadow' },
    clock: () => new Date(orders.now),
  });

  const requests = crowdRequests(orders);
  const answers: CrowdAnswer[] = [];
  try {
    for (let start = 0; start < requests.length; start += orders.wave) {
      const wave = requests.slice(start, start + orders.wave);
      const settled = await Promise.allSettled(
        wave.map((request) =>
          service.place({
            client: 'storefront',
            idempotencyKey: request.key,
            cartId: request.cartId,
            lines: request.lines,
          }),
        ),
      );
      settled.forEach((result, n) => {
        const request = wave[n]!;
        if (result.status === 'rejected') {
          answers.push({ ...request, kind: 'threw', why: String(result.reason) });
          return;
        }
        const placement = result.value;
        answers.push({
          ...request,
          kind: placement.kind,
          ...('hold' in placement ? { holdId: placement.hold.id } : {}),
          ...(placement.kind === 'idempotency_mismatch' ? { holdId: placement.holdId } : {}),
        });
      });
    }
  } finally {
    if (!given) await storage.close();
  }
  return answers;
}
