import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitrateNewHolds, requestKey } from '../../../src/domain/holds/arbitrate-new-holds.js';
import type {
  GroupBooks,
  LevelFigures,
  NewHoldAsked,
} from '../../../src/domain/holds/arbitrate-new-holds.js';
import { levelKey } from '../../../src/domain/holds/hold-demand.js';
import type { NewHoldOutcome } from '../../../src/domain/holds/new-hold-outcome.js';

const T0 = '2026-06-01T12:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const TEE = { itemId: 'tee', locationHandle: 'downtown' };
const CAP = { itemId: 'cap', locationHandle: 'downtown' };

function hold(cart: string, demand: [typeof TEE, number][], extra: Partial<NewHoldAsked> = {}) {
  return {
    cartId: cart,
    client: 'storefront',
    idempotencyKey: `key-${cart}`,
    demand: demand.map(([level, quantity]) => ({ ...level, quantity })),
    now: T0,
    expiresAt: at(10),
    ...extra,
  };
}

function books(levels: [typeof TEE, LevelFigures][], more: Partial<GroupBooks> = {}): GroupBooks {
  return {
    levels: new Map(levels.map(([level, figures]) => [levelKey(level), figures])),
    busyCarts: new Set(),
    knownKeys: new Set(),
    ...more,
  };
}

const free = (unclaimed: number): LevelFigures => ({
  held: 0,
  hold_expiry_bound: null,
  unclaimed,
});

describe('deciding a group of new holds', () => {
  it('counts each placed hold for the holds after it, and sums the claims per level', () => {
    const decided = arbitrateNewHolds(
      [hold('a', [[TEE, 2]]), hold('b', [[TEE, 2]]), hold('c', [[TEE, 1]])],
      books([[TEE, free(4)]]),
    );

    expect(decided.outcomes).toEqual([
      { kind: 'placed' },
      { kind: 'placed' },
      {
        kind: 'insufficient_stock',
        short: [{ item: 'tee', location: 'downtown', requested: 1, sellable: 0 }],
      },
    ]);
    expect(decided.claims).toEqual([{ ...TEE, quantity: 4, hold_expiry_bound: at(10) }]);
  });

  it('claims no level of a hold another of whose levels is short', () => {
    const decided = arbitrateNewHolds(
      [
        hold('a', [
          [CAP, 1],
          [TEE, 5],
        ]),
        hold('b', [[CAP, 1]]),
      ],
      books([
        [CAP, free(1)],
        [TEE, free(4)],
      ]),
    );

    expect(decided.outcomes.map((outcome) => outcome.kind)).toEqual([
      'insufficient_stock',
      'placed',
    ]);
    expect(decided.claims).toEqual([{ ...CAP, quantity: 1, hold_expiry_bound: at(10) }]);
  });

  it('sends on a cart that holds, in the books or earlier in the group, and a key seen before', () => {
    const decided = arbitrateNewHolds(
      [
        hold('busy', [[TEE, 1]]),
        hold('a', [[TEE, 1]]),
        hold('a', [[TEE, 1]], { idempotencyKey: 'other' }),
        hold('b', [[TEE, 1]], { idempotencyKey: 'seen' }),
        hold('c', [[TEE, 1]], { idempotencyKey: 'key-a' }),
      ],
      books([[TEE, free(9)]], {
        busyCarts: new Set(['busy']),
        knownKeys: new Set([requestKey('storefront', 'seen')]),
      }),
    );

    expect(decided.outcomes).toEqual([
      { kind: 'general', why: 'cart_has_holds' },
      { kind: 'placed' },
      { kind: 'general', why: 'cart_has_holds' },
      { kind: 'general', why: 'known_key' },
      { kind: 'general', why: 'known_key' },
    ]);
    expect(decided.claims).toEqual([{ ...TEE, quantity: 1, hold_expiry_bound: at(10) }]);
  });

  it('keeps keys apart by client', () => {
    const decided = arbitrateNewHolds(
      [hold('a', [[TEE, 1]], { client: 'kiosk', idempotencyKey: 'seen' })],
      books([[TEE, free(1)]], { knownKeys: new Set([requestKey('storefront', 'seen')]) }),
    );

    expect(decided.outcomes).toEqual([{ kind: 'placed' }]);
  });

  it('sends on a hold short at a level whose holds may have run out', () => {
    // 3 held, the earliest until 12:00: at 12:00 it has run out, though not yet released.
    const level = { held: 3, hold_expiry_bound: T0, unclaimed: 0 };

    const decided = arbitrateNewHolds([hold('a', [[TEE, 1]])], books([[TEE, level]]));

    expect(decided.outcomes).toEqual([{ kind: 'general', why: 'expiry_due' }]);
    expect(decided.claims).toEqual([]);
  });

  it('refuses without sending on while the bound lies ahead, and names nothing below zero', () => {
    const level = { held: 3, hold_expiry_bound: at(1), unclaimed: -2 };

    const decided = arbitrateNewHolds([hold('a', [[TEE, 1]])], books([[TEE, level]]));

    expect(decided.outcomes).toEqual([
      {
        kind: 'insufficient_stock',
        short: [{ item: 'tee', location: 'downtown', requested: 1, sellable: 0 }],
      },
    ]);
  });

  it('names a level without a row as short with nothing sellable', () => {
    const decided = arbitrateNewHolds([hold('a', [[CAP, 1]])], books([]));

    expect(decided.outcomes).toEqual([
      {
        kind: 'insufficient_stock',
        short: [{ item: 'cap', location: 'downtown', requested: 1, sellable: 0 }],
      },
    ]);
  });

  it('leaves the expiry bound as the holds one after another would', () => {
    const decided = arbitrateNewHolds(
      [
        hold('a', [[TEE, 1]], { expiresAt: at(10) }),
        hold('b', [[TEE, 1]], { expiresAt: at(5) }),
        hold('c', [[TEE, 1]], { expiresAt: at(20) }),
        hold('d', [[CAP, 1]], { expiresAt: at(20) }),
      ],
      books([
        [TEE, free(5)],
        // Held before the bound existed: unknown, and it stays unknown.
        [CAP, { held: 2, hold_expiry_bound: null, unclaimed: 5 }],
      ]),
    );

    expect(decided.claims).toEqual([
      { ...TEE, quantity: 3, hold_expiry_bound: at(5) },
      { ...CAP, quantity: 1, hold_expiry_bound: null },
    ]);
  });
});

/** The holds placed one by one, each claim a conditional UPDATE of its own (the old step). */
function oneByOne(holds: readonly NewHoldAsked[], start: GroupBooks) {
  const levels = new Map([...start.levels].map(([key, figures]) => [key, { ...figures }]));
  const carts = new Set(start.busyCarts);
  const keys = new Set(start.knownKeys);
  const outcomes: NewHoldOutcome[] = [];

  for (const asked of holds) {
    if (carts.has(asked.cartId)) {
      outcomes.push({ kind: 'general', why: 'cart_has_holds' });
      continue;
    }
    if (keys.has(requestKey(asked.client, asked.idempotencyKey))) {
      outcomes.push({ kind: 'general', why: 'known_key' });
      continue;
    }
    const short = asked.demand.filter((level) => {
      const figures = levels.get(levelKey(level));
      return !figures || figures.unclaimed < level.quantity;
    });
    if (short.length > 0) {
      const expired = short.some((level) => {
        const figures = levels.get(levelKey(level));
        if (!figures || figures.held === 0) return false;
        return figures.hold_expiry_bound === null || figures.hold_expiry_bound <= asked.now;
      });
      outcomes.push(
        expired
          ? { kind: 'general', why: 'expiry_due' }
          : {
              kind: 'insufficient_stock',
              short: short.map((level) => ({
                item: level.itemId,
                location: level.locationHandle,
                requested: level.quantity,
                sellable: Math.max(0, levels.get(levelKey(level))?.unclaimed ?? 0),
              })),
            },
      );
      continue;
    }
    for (const level of asked.demand) {
      const figures = levels.get(levelKey(level))!;
      // The claim's SET sees the row as it was: CASE WHEN held = 0 ... (held-units.ts).
      figures.hold_expiry_bound =
        figures.held === 0
          ? asked.expiresAt
          : figures.hold_expiry_bound === null
            ? null
            : figures.hold_expiry_bound < asked.expiresAt
              ? figures.hold_expiry_bound
              : asked.expiresAt;
      figures.held += level.quantity;
      figures.unclaimed -= level.quantity;
    }
    carts.add(asked.cartId);
    keys.add(requestKey(asked.client, asked.idempotencyKey));
    outcomes.push({ kind: 'placed' });
  }
  return { outcomes, levels };
}

const LEVELS = [TEE, CAP, { itemId: 'tee', locationHandle: 'uptown' }];

const figures: fc.Arbitrary<LevelFigures> = fc
  .record({
    held: fc.integer({ min: 0, max: 4 }),
    bound: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }),
    unclaimed: fc.integer({ min: -2, max: 6 }),
  })
  .map(({ held, bound, unclaimed }) => ({
    held,
    hold_expiry_bound: bound === null ? null : at(bound),
    unclaimed,
  }));

const asked: fc.Arbitrary<NewHoldAsked> = fc.record({
  cartId: fc.constantFrom('a', 'b', 'c', 'd'),
  client: fc.constantFrom('storefront', 'kiosk'),
  idempotencyKey: fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5'),
  demand: fc
    .uniqueArray(fc.integer({ min: 0, max: LEVELS.length - 1 }), { minLength: 1, maxLength: 3 })
    .chain((indexes) =>
      fc
        .tuple(...indexes.map(() => fc.integer({ min: 1, max: 3 })))
        .map((quantities) =>
          indexes.map((index, n) => ({ ...LEVELS[index]!, quantity: quantities[n]! })),
        ),
    ),
  now: fc.integer({ min: -2, max: 2 }).map(at),
  expiresAt: fc.integer({ min: 3, max: 20 }).map(at),
});

const start: fc.Arbitrary<GroupBooks> = fc
  .record({
    levels: fc.array(fc.option(figures, { nil: null }), {
      minLength: LEVELS.length,
      maxLength: LEVELS.length,
    }),
    busyCarts: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 2 }),
    knownKeys: fc.uniqueArray(fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5'), { maxLength: 2 }),
  })
  .map(({ levels, busyCarts, knownKeys }) => ({
    levels: new Map(
      LEVELS.flatMap((level, index) => {
        const found = levels[index];
        return found ? [[levelKey(level), found] as const] : [];
      }),
    ),
    busyCarts: new Set(busyCarts),
    knownKeys: new Set(knownKeys.map((key) => requestKey('storefront', key))),
  }));

describe('a group decided together, against the holds placed one by one', () => {
  it('answers the same, and its claims per level leave each level as the single claims did', () => {
    fc.assert(
      fc.property(fc.array(asked, { minLength: 1, maxLength: 8 }), start, (holds, books) => {
        const expected = oneByOne(holds, books);

        const decided = arbitrateNewHolds(holds, books);

        expect(decided.outcomes).toEqual(expected.outcomes);
        const after = new Map([...books.levels].map(([key, level]) => [key, { ...level }]));
        for (const claim of decided.claims) {
          const level = after.get(levelKey(claim))!;
          level.held += claim.quantity;
          level.unclaimed -= claim.quantity;
          level.hold_expiry_bound = claim.hold_expiry_bound;
        }
        expect(after).toEqual(expected.levels);
      }),
      { numRuns: 500 },
    );
  });
});
