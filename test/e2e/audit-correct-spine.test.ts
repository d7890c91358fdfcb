import { afterEach, describe, expect, it } from 'vitest';
import { auditCorrect } from '../../src/cli/audit-correct.js';
import { systemClock } from '../../src/shared/clock.js';
import { importCounts } from '../../src/sources/counts/import-counts.js';
import { startSpine } from '../support/spine-harness.js';
import type { Spine } from '../support/spine-harness.js';
import { testEngine } from '../support/test-storage.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`trueshelf audit correct against the sandbox Shopify (${testEngine})`, () => {
  let spine: Spine | null = null;
  afterEach(async () => {
    await spine?.close();
    spine = null;
  });

  /** The shelf is counted now; then the till sells `sold` units; then the file is imported. */
  async function countThenSell(s: Spine, counted: number, sold: number): Promise<void> {
    await pause(5);
    const countedAt = new Date().toISOString();
    // Shopify's order and webhook times have whole seconds: a sale in the count's own second
    // would be dated at or before it. The next second is unambiguously after.
    await pause(1050 - (Date.parse(countedAt) % 1000));
    s.sandbox.store.posSale({
      location: s.locationIds['downtown'] ?? '',
      lines: [{ sku: 'TEE', quantity: sold }],
    });
    await s.settle();

    const imported = await importCounts(
      s.database.storage,
      ['location,sku,counted_quantity,counted_at', `downtown,TEE,${counted},${countedAt}`],
      { clock: systemClock },
    );
    expect(imported.ok).toBe(true);
  }

  function correct(
    s: Spine,
    confirm: boolean,
    lines: string[] = [],
    shopifyMode: 'shadow' | 'publish' = 'publish',
  ) {
    return auditCorrect(s.database.storage, {
      confirm,
      clock: systemClock,
      targets: () => ({ shopify: s.running.shopify, shopifyMode }),
      print: (line) => lines.push(line),
    });
  }

  const adjustments = (s: Spine) =>
    s.sandbox.mutationLog
      .entries()
      .filter((e) => e.mutation === 'inventoryAdjustQuantities' && e.outcome === 'applied');

  it('a confirmed correction lands once, and the sale after the count is kept', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 10 } }, bufferUnits: 0 });
    // By hand: 10 at the count, 8 counted: variance −2. One sold after the count: Shopify
    // shows 9, and the correction takes 2 from that fresh figure: 7, not 8.
    await countThenSell(spine, 8, 1);
    expect(spine.shopify('downtown', 'TEE')).toMatchObject({ available: 9, on_hand: 9 });

    const printed: string[] = [];
    const dryRun = await correct(spine, false, printed);

    expect(dryRun.confirmed).toBe(false);
    expect(printed.join('\n')).toMatch(/counted 8 at .*system then 10, variance -2; apply -2/);
    expect(printed.at(-1)).toBe(
      'dry run: nothing was sent; run again with --confirm to apply the 1 group(s) not blocked',
    );
    expect(adjustments(spine)).toHaveLength(0);

    const applied = await correct(spine, true);
    await spine.settle();

    expect(applied).toMatchObject({ confirmed: true, ok: true });
    expect(spine.shopify('downtown', 'TEE')).toMatchObject({ available: 7, on_hand: 7 });
    const mirror = await spine.mirror('downtown', 'TEE');
    expect([mirror['available'], mirror['on_hand']]).toEqual([7, 7]);
    // The re-read after the correction matched it: the ledger holds it once.
    const corrections = (await spine.movements('downtown', 'TEE')).filter(
      (m) => m.cause_kind === 'count_correction',
    );
    expect(corrections.map((m) => [m.state, m.delta])).toEqual([
      ['available', -2],
      ['on_hand', -2],
    ]);
    const onHandDeltas = (await spine.movements('downtown', 'TEE'))
      .filter((m) => m.state === 'on_hand')
      .reduce((sum, m) => sum + m.delta, 0);
    expect(onHandDeltas).toBe(-3);

    // Confirmed again: nothing left to correct, nothing sent.
    const again = await correct(spine, true);
    expect(again).toMatchObject({ confirmed: true, ok: true, outcomes: [] });
    expect(adjustments(spine)).toHaveLength(1);
    expect(spine.shopify('downtown', 'TEE')).toMatchObject({ available: 7, on_hand: 7 });
  });

  it('sends nothing while shopify.mode is shadow, though the location publishes', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 10 } }, bufferUnits: 0 });
    await countThenSell(spine, 8, 1);

    const printed: string[] = [];
    const applied = await correct(spine, true, printed, 'shadow');
    await spine.settle();

    expect(applied).toMatchObject({ confirmed: true });
    expect(printed.join('\n')).toMatch(/downtown .*skipped_shadow_mode.*shopify\.mode is shadow/);
    expect(adjustments(spine)).toHaveLength(0);
    expect(spine.shopify('downtown', 'TEE')).toMatchObject({ available: 9, on_hand: 9 });
  });

  it('gives buffer units back when a correction takes available below zero', async () => {
    spine = await startSpine({ stock: { downtown: { TEE: 10 } }, bufferUnits: 3 });
    // 10 on the shelf, buffer 3: available 7, safety_stock 3. Counted 2 (variance −8), then
    // one sold: available 6, on hand 9. The correction: available 6 − 8 = −2, on hand 1.
    // Gross = −2 + 3 placed = 1, so the buffer can hold 1 unit: 2 go back, available 0.
    await countThenSell(spine, 2, 1);
    expect(spine.shopify('downtown', 'TEE')).toMatchObject({
      available: 6,
      safety_stock: 3,
      on_hand: 9,
    });

    const applied = await correct(spine, true);
    await spine.settle();

    expect(applied).toMatchObject({ confirmed: true, ok: true });
    expect(spine.shopify('downtown', 'TEE')).toMatchObject({
      available: 0,
      safety_stock: 1,
      on_hand: 1,
    });
  });
});
