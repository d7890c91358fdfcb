import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { streamFeedRows } from '../../../src/channels/google/stream-feed-rows.js';
import type { BufferRulesFile } from '../../../src/domain/buffers/index.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase } from '../../support/test-storage.js';
import { bearer, NOW, startTestServer, TOKENS } from '../../http/http-test-context.js';
import type { TestServer } from '../../http/http-test-context.js';
import {
  outboxRows,
  publishingModes,
  recomputeWorker,
  seedItemAt,
  seedStore,
  useRules,
} from './buffer-fixture.js';

// A fixed buffer of 2 everywhere, so sellable = available − 2 with nothing placed yet.
function rules(channels: BufferRulesFile['channels']): BufferRulesFile {
  return {
    version: 1,
    chainDefault: { id: 'fixed-2', policy: { kind: 'fixed', units: 2 } },
    ...(channels ? { channels } : {}),
  };
}

describe('channel policies from the buffer rules reach every channel', () => {
  let test: TestServer;
  let clock: ManualClock;

  beforeEach(async () => {
    const database = await openTestDatabase();
    test = await startTestServer({ storage: database.storage });
    const close = test.close;
    test.close = async () => {
      await close();
      await database.close();
    };
    clock = new ManualClock(NOW);
    await seedStore(
      test.storage,
      { handle: 'oslo', timeZone: 'Europe/Oslo', googleStoreCode: 'OSL-1' },
      '2026-04-01T00:00:00.000Z',
    );
    // 4 on hand: sellable 4 − 2 = 2.   9 + 2 on hand: sellable 11 − 2 = 9.
    await seedItemAt(test.storage, { id: 'few', sku: 'FEW', category: null }, 'oslo', 4);
    await seedItemAt(test.storage, { id: 'many', sku: 'MANY', category: null }, 'oslo', 11);
  });
  afterEach(async () => {
    await test.close();
  });

  async function apiShown(item: string): Promise<{ sellable: number; shown: number }> {
    const response = await test.server.inject({
      method: 'GET',
      url: `/v1/availability?location=oslo&item=${item}`,
      headers: bearer(TOKENS.read),
    });
    expect(response.statusCode).toBe(200);
    const [level] = (response.json() as { levels: { sellable: number; shown: number }[] }).levels;
    return { sellable: level!.sellable, shown: level!.shown };
  }

  async function targets(item: string) {
    const rows = await outboxRows(test.storage, item, 'oslo');
    return Object.fromEntries(rows.map((row) => [row.channel, JSON.parse(row.target) as unknown]));
  }

  async function feedQuantities(): Promise<Record<string, number>> {
    const quantities: Record<string, number> = {};
    for await (const row of streamFeedRows(test.storage.db, publishingModes.googleSettings!)) {
      quantities[row.offerId] = row.quantity;
    }
    return quantities;
  }

  it('shows zero at or below 2 on Google, the API and Shopify available when sellable is 2', async () => {
    const zero = { zeroAtOrBelow: 2 };
    await useRules(test.storage, rules({ shopify: zero, google: zero, api: zero }), clock);
    await recomputeWorker(test.storage, clock).runOnce();

    // Sellable 2 ≤ 2: Google 0 (out of stock), the API shows 0. Shopify keeps the buffer 2 and
    // the 2 sellable in safety_stock: target 4 of 4, so available would read 4 − 4 = 0.
    expect(await apiShown('few')).toEqual({ sellable: 2, shown: 0 });
    expect(await targets('few')).toEqual({
      google: { storeCode: 'OSL-1', quantity: 0, availability: 'OUT_OF_STOCK' },
      shopify: { safetyStock: 4, reserved: 0 },
    });
    // Sellable 9 is above 2: shown as it is; Shopify holds back only the buffer, 2.
    expect(await apiShown('many')).toEqual({ sellable: 9, shown: 9 });
    expect(await targets('many')).toMatchObject({
      google: { quantity: 9 },
      shopify: { safetyStock: 2, reserved: 0 },
    });
    expect(await feedQuantities()).toEqual({ FEW: 0, MANY: 9 });
  });

  it('caps Google and the API at 5 with sellable 9, and leaves Shopify at the buffer', async () => {
    const cap = { maxShown: 5 };
    await useRules(test.storage, rules({ shopify: cap, google: cap, api: cap }), clock);
    await recomputeWorker(test.storage, clock).runOnce();

    // min(9, 5) = 5 on Google and the API. Shopify: a cap is not applied (it would refuse
    // orders for units that are there), so safety_stock stays at the buffer, 2.
    expect(await apiShown('many')).toEqual({ sellable: 9, shown: 5 });
    expect(await targets('many')).toEqual({
      google: { storeCode: 'OSL-1', quantity: 5, availability: 'IN_STOCK' },
      shopify: { safetyStock: 2, reserved: 0 },
    });
    expect(await feedQuantities()).toEqual({ FEW: 2, MANY: 5 });

    const explained = await test.server.inject({
      method: 'GET',
      url: '/v1/availability/explain?location=oslo&item=many',
      headers: bearer(TOKENS.read),
    });
    expect(explained.json()).toMatchObject({
      sellable: 9,
      channels: {
        google: { shown: 5, applied: 'max_shown' },
        api: { shown: 5, applied: 'max_shown' },
        shopify: { shown: 9, applied: null },
      },
    });
  });

  it('a policy change alone publishes once per affected channel and level', async () => {
    await useRules(test.storage, rules(undefined), clock);
    const worker = recomputeWorker(test.storage, clock);
    await worker.runOnce();
    const before = await outboxRows(test.storage, 'few', 'oslo');
    const untouched = await outboxRows(test.storage, 'many', 'oslo');

    // Only the policy changes; the buffer (2) does not.
    const zero = { zeroAtOrBelow: 2 };
    await useRules(test.storage, rules({ shopify: zero, google: zero }), clock);
    await worker.runOnce();
    await worker.runOnce();
    clock.advance(60_000);
    await worker.runOnce();

    // 'few' (sellable 2): one new version on each of Google and Shopify, however many rounds.
    const after = await outboxRows(test.storage, 'few', 'oslo');
    expect(after.map((row) => [row.channel, row.target_version])).toEqual(
      before.map((row) => [row.channel, row.target_version + 1]),
    );
    // 'many' (sellable 9 > 2) shows the same as before: nothing queued for it.
    expect(await outboxRows(test.storage, 'many', 'oslo')).toEqual(untouched);
  });
});
