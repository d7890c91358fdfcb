import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HoldRequestInput } from '../../../src/engine/holds/hold-service.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { decisionsOffHeld, heldOffLines, readLevelBooks } from './hold-books.js';
import { T0, holdService, seedLevel } from './hold-fixture.js';

/** How each request ended: its placement's kind, or the code (else the message) it threw. */
async function answersOf(promises: Promise<{ kind: string }>[]): Promise<string[]> {
  const settled = await Promise.allSettled(promises);
  return settled.map((result) => {
    if (result.status === 'fulfilled') return result.value.kind;
    const reason = result.reason as { code?: unknown; message?: unknown };
    return typeof reason.code === 'string' ? reason.code : String(reason.message);
  });
}

describe(`hold requests looked up in the catalogue together, on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    await seedLevel(database.storage, { item: 'tee', location: 'downtown', available: 5 });
  });
  afterEach(async () => database.close());

  it('ids, SKUs and handles that look like array syntax or NULL name exactly what they say', async () => {
    const odd = ['NULL', 'a,b', '{x}', 'q"uote', 'back\\slash', ' spaced ', 'null'];
    for (const [n, name] of odd.entries()) {
      await seedLevel(database.storage, {
        item: name,
        sku: `${name}-sku`,
        location: `${name}-store`,
        available: n + 1,
      });
    }
    const service = holdService(database.storage, new ManualClock(T0));

    const placements = await Promise.all(
      odd.map((name, n) =>
        service.place({
          client: 'storefront',
          idempotencyKey: `odd-${n}`,
          cartId: `odd-cart-${n}`,
          lines: [
            { item: name, location: `${name}-store`, quantity: 1 },
            { sku: `${name}-sku`, location: `${name}-store`, quantity: n },
          ].filter((line) => line.quantity > 0),
        }),
      ),
    );

    expect(placements.map((placement) => placement.kind)).toEqual(odd.map(() => 'placed'));
    const books = await readLevelBooks(database.storage);
    expect(
      books.filter((level) => level.held > 0).map((level) => [level.level, level.held]),
    ).toEqual(
      odd
        .map((name, n) => [`${name}-store/${name}`, n + 1] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    expect(heldOffLines(books)).toEqual([]);
    expect(decisionsOffHeld(books)).toEqual([]);
  });

  /*
   * On SQLite each list is bound as `IN (?, ...)`, padded to a power of two: 127 requests of 100
   * lines each naming distinct locations would pass SQLite's 32,766 variables. A look-up takes
   * at most 2,048 lines, and a failed one is done again request by request, so a client's
   * unknown names stay its own 404s.
   */
  it("a burst of requests with many unknown names does not fail another client's hold", async () => {
    const service = holdService(database.storage, new ManualClock(T0));
    const bogus: HoldRequestInput[] = Array.from({ length: 127 }, (_, r) => ({
      client: 'noisy',
      idempotencyKey: `noisy-${r}`,
      cartId: `noisy-cart-${r}`,
      lines: Array.from({ length: 100 }, (_, l) => ({
        item: `ghost-${r}-${l}`,
        location: `nowhere-${r}-${l}`,
        quantity: 1,
      })),
    }));
    const good: HoldRequestInput = {
      client: 'storefront',
      idempotencyKey: 'good-1',
      cartId: 'good-cart',
      lines: [{ item: 'tee', location: 'downtown', quantity: 2 }],
    };

    const answers = await answersOf([
      ...bogus.map((request) => service.place(request)),
      service.place(good),
    ]);

    expect(answers.at(-1)).toBe('placed');
    expect(new Set(answers.slice(0, -1))).toEqual(new Set(['unknown_item']));
  }, 30_000);
});
