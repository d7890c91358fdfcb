import { afterAll, describe, expect, it } from 'vitest';

import type { DailySales } from '../../src/demo/read-sales-file.js';
import { readSalesFile } from '../../src/demo/read-sales-file.js';
import type { HoldBook, PolicyName } from '../../src/sim/index.js';
import { RuleHoldBook, runSimulation } from '../../src/sim/index.js';
import type { SalesMatrix } from '../../src/sim/load-sales-matrix.js';
import { ServiceHoldBook } from '../../src/sim/service-hold-book.js';
import { ManualClock } from '../../src/shared/clock.js';
import { M5_TEST_FILE, needsSharedData, withSharedData } from '../support/shared-data.js';

/*
 * The simulator's default hold book runs the product's pure hold rules; `--holds product` drives
 * the product's own HoldService on SQLite. These tests give both the same calls and expect the
 * same answers: first a script that walks every rule, then real sales through the hold policies.
 */
const matrix: SalesMatrix = {
  stores: ['S1', 'S2'],
  levelStore: Int32Array.from([0, 0, 1]),
  levelSku: ['R', 'G', 'R'],
  levelCategory: ['X', 'X', 'X'],
  levelSibling: Int32Array.from([1, 0, 2]),
  days: ['2024-03-04'],
  levelCount: 3,
  units: new Int32Array(3),
  totalUnits: 0,
};
// Level 0 (R at S1): gross 3, buffer 1 → 2 can be held. Level 1 (G at S1): 1. Level 2: 4.
const basis = [
  { gross: 3, buffer: 1 },
  { gross: 1, buffer: 0 },
  { gross: 4, buffer: 0 },
];

/** Every answer a book gives to one script of calls, in order. */
function script(book: HoldBook, clock: ManualClock): unknown[] {
  const seen: unknown[] = [];
  const place = (cartId: string, lines: [number, number][], ttlSeconds = 600) =>
    seen.push(
      book.place({ cartId, lines: lines.map(([level, units]) => ({ level, units })), ttlSeconds }),
    );
  const held = () => seen.push([0, 1, 2].map((level) => book.heldUnits(level)));

  place('a', [[0, 1]]);
  place('b', [[0, 1]]);
  place('c', [[0, 1]]); // short: 3 − 1 − 2 = 0 left
  place('d', [
    [1, 1],
    [2, 3],
    [1, 1],
  ]); // G asked 2 of 1: all or nothing, level 2 not held either
  place('e', [[2, 3]], 60);
  place('e', [[2, 4]], 60); // the cart's own 3 count for it: replaced, one claim of 4
  place('f', [[2, 1]]); // short: 4 − 4 = 0
  held();
  seen.push(book.convert(0), book.convert(0), book.release(0)); // once, then unchanged
  seen.push(book.release(1), book.release(1), book.convert(1));
  held();
  clock.advance(60_000);
  held(); // e's hold expired at exactly 60 s: level 2 reads 0 before any sweep
  seen.push(book.expiredSoFar(), book.convert(2));
  place('g', [[0, 2]], 30);
  clock.advance(30_000);
  book.expireDue();
  seen.push(book.expiredSoFar());
  held();
  return seen;
}

describe('the rule hold book and the product hold service', () => {
  const books: HoldBook[] = [];
  afterAll(() => books.forEach((book) => book.close()));

  it('answer a script of every hold rule the same way', () => {
    const answers = [0, 1].map((which) => {
      const clock = new ManualClock('2024-03-04T10:00:00Z');
      const context = { matrix, clock: clock.now, basis: (level: number) => basis[level]! };
      const book = which === 0 ? new RuleHoldBook(context) : new ServiceHoldBook(context, 3600);
      books.push(book);
      return script(book, clock);
    });

    expect(answers[1]).toEqual(answers[0]);
    // Worked by hand for the rules, so agreeing on wrong answers fails too.
    expect(answers[0]).toEqual([
      { ok: true, holdId: 0 },
      { ok: true, holdId: 1 },
      { ok: false, reason: 'insufficient_stock', short: [{ level: 0, requested: 1, sellable: 0 }] },
      { ok: false, reason: 'insufficient_stock', short: [{ level: 1, requested: 2, sellable: 1 }] },
      { ok: true, holdId: 2 },
      { ok: true, holdId: 2 },
      { ok: false, reason: 'insufficient_stock', short: [{ level: 2, requested: 1, sellable: 0 }] },
      [2, 0, 4],
      true,
      false,
      false,
      true,
      false,
      false,
      [0, 0, 4],
      [0, 0, 0],
      1,
      false,
      { ok: true, holdId: 3 },
      2,
      [0, 0, 0],
    ]);
  }, 180_000);
});

const M5_TEST = M5_TEST_FILE;

describe.runIf(withSharedData)(needsSharedData('the hold policies on real sales'), () => {
  it('give the same outcomes with either hold book', async () => {
    // The first 12 items of one store over two weeks: a few hundred holds.
    const sales: DailySales[] = [];
    const items = new Set<string>();
    for await (const row of readSalesFile(M5_TEST)) {
      if (row.store !== 'CA_1') continue;
      if (!items.has(row.sku) && items.size >= 12) continue;
      items.add(row.sku);
      sales.push(row);
    }
    const policies: PolicyName[] = ['webhooks_buffers_holds', 'webhooks_buffers_holds_counts'];
    const options = {
      sales,
      days: 14,
      policies,
      seed: 5,
      onlineShare: 0.4,
      // Frequent silent losses, so picks find empty shelves and holds are released too.
      shrinkRate: 0.15,
      misplacementRate: 0.1,
    };

    const rules = await runSimulation({ ...options, holds: 'rules' });
    const product = await runSimulation({ ...options, holds: 'product' });

    // Enough traffic to mean something: holds converted at pickup and released at empty shelves.
    for (const outcome of rules.policies) expect(outcome.promises.kept).toBeGreaterThan(50);
    const broken = rules.policies.reduce((sum, outcome) => sum + outcome.promises.broken, 0);
    expect(broken).toBeGreaterThan(5);
    expect(product.policies).toEqual(rules.policies);
  }, 300_000);
});
