import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleSandbox } from '../../src/sandbox/google/start-google-sandbox.js';
import type { GoogleSandbox } from '../../src/sandbox/google/start-google-sandbox.js';
import { testEngine } from '../support/test-storage.js';
import { NO_FIGURES, recordCampaignFigures } from './support/campaign-figures.js';
import { startFaultProxy } from './support/fault-proxy.js';
import type { FaultProxy, ProxyFault } from './support/fault-proxy.js';
import { startInProcessChain } from './support/in-process-chain.js';
import type { InProcessChain } from './support/in-process-chain.js';
import { ledgerGaps, levelsUnlikeShopify } from './support/level-truth.js';
import { seededRandom } from './support/seeded-random.js';
import { WRITE_TOKEN } from './support/serve-chain.js';
import type { ChainShape } from './support/serve-chain.js';

const ACCOUNT = '777';
const SHAPE: ChainShape = {
  stores: 2,
  skus: ['OF-0', 'OF-1', 'OF-2', 'OF-3'],
  unitsPerLevel: 30,
  bufferUnits: 2,
  seed: 41,
  googleStoreCodes: true,
};
const PHASE_MS = 2000;
/** Each outage, in order, on the Shopify Admin API and the Merchant API at once. */
const PHASES: readonly { name: string; fault: ProxyFault; throttle?: boolean }[] = [
  { name: '503', fault: { kind: 'status', status: 503 } },
  { name: '429 Retry-After 1', fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } },
  { name: 'connections dropped', fault: { kind: 'drop' } },
  { name: 'no answer (timeout)', fault: { kind: 'hang' } },
  {
    name: 'answers to moves lost after applying',
    fault: { kind: 'lose_answer', match: 'inventoryMoveQuantities' },
  },
  { name: 'Shopify THROTTLED', fault: { kind: 'pass' }, throttle: true },
];

/**
 * Shopify and Google fail for a period each way the campaign knows while stores keep selling
 * and carts keep holding; afterwards both channels must show the decision and each Shopify
 * move must have been applied once: a resend reuses its key, a changed target gets a new one.
 */
describe(`outside failures: Shopify and Google, on ${testEngine}`, () => {
  let t: InProcessChain;
  let google: GoogleSandbox;
  let shopifyProxy: FaultProxy;
  let googleProxy: FaultProxy;
  const random = seededRandom(SHAPE.seed);

  beforeAll(async () => {
    google = await startGoogleSandbox();
    for (const offerId of SHAPE.skus)
      google.store.addProduct(ACCOUNT, {
        contentLanguage: 'en',
        feedLabel: 'US',
        offerId,
        destinations: ['LOCAL_INVENTORY_ADS'],
      });
    googleProxy = await startFaultProxy(google.url);
    let adminApi = '';
    shopifyProxy = await startFaultProxy(() => adminApi);
    t = await startInProcessChain(
      SHAPE,
      {
        'shopify.adminUrl': shopifyProxy.url,
        'shopify.requestTimeoutMs': 1000,
        'shopify.maxPushAttempts': 40,
        'google.mode': 'publish',
        'google.merchantAccountId': ACCOUNT,
        'google.endpoint': googleProxy.url,
        'google.accessToken': google.accessToken,
        'google.quantityDebounceSeconds': 0,
        'google.timeoutMs': 1000,
        'google.maxPushAttempts': 40,
      },
      'warn',
      (chain) => {
        adminApi = chain.sandbox.url;
      },
    );
  }, 90_000);

  afterAll(async () => {
    await t?.close();
    await shopifyProxy?.close();
    await googleProxy?.close();
    await google?.close();
  });

  it(
    'after 503s, 429s, drops, timeouts and throttling, every channel shows the decision and each move applied once',
    { timeout: 150_000 },
    async () => {
      const storeIds = t.chain.storeIds;
      let sales = 0;
      let holds = 0;
      for (const phase of PHASES) {
        shopifyProxy.set(phase.fault);
        googleProxy.set(phase.fault);
        if (phase.throttle) t.chain.sandbox.apiFaults.inject({ kind: 'throttled', count: 30 });
        const until = Date.now() + PHASE_MS;
        const faultedBefore = shopifyProxy.faulted;
        // A proxy fault must have met at least one Admin API call (a move, for lost answers)
        // before the outage ends; a loaded machine may need longer than PHASE_MS, up to 10 s more.
        const met = () => phase.fault.kind === 'pass' || shopifyProxy.faulted > faultedBefore;
        while (Date.now() < until || (!met() && Date.now() < until + 10_000)) {
          const sku = SHAPE.skus[Math.floor(random() * SHAPE.skus.length)] ?? 'OF-0';
          const location = storeIds[Math.floor(random() * storeIds.length)] ?? '';
          t.chain.sandbox.store.posSale({ location, lines: [{ sku, quantity: 1 }] });
          sales += 1;
          const response = await fetch(`${t.running.url}/v1/holds`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${WRITE_TOKEN}`,
              'content-type': 'application/json',
              'idempotency-key': `outage-hold-${holds}`,
            },
            body: JSON.stringify({
              cartId: `outage-cart-${holds}`,
              lines: [{ sku, location: `store-${storeIds.indexOf(location)}`, quantity: 1 }],
            }),
          });
          if (response.status === 201) holds += 1;
          await new Promise((resolve) => setTimeout(resolve, 150));
        }
      }
      shopifyProxy.set({ kind: 'pass' });
      googleProxy.set({ kind: 'pass' });
      const recoveredAt = Date.now();
      await t.settle();
      const convergedMs = Date.now() - recoveredAt;

      const log = t.chain.sandbox.mutationLog.entries();
      const applied = log.filter((e) => e.outcome === 'applied');
      const keys = new Set(applied.map((e) => e.idempotencyKey));
      const resends = log.filter((e) => e.outcome === 'replayed');
      const mismatched = log.filter((e) => e.outcome === 'key_mismatch');
      const acceptedPushes = await t.database.storage.db
        .selectFrom('pushes')
        .select('idempotency_key')
        .where('outcome', '=', 'applied')
        .execute();
      const unfinished = await t.database.storage.db
        .selectFrom('outbox')
        .select(['channel', 'item_id', 'location_handle', 'status', 'last_error'])
        .where('status', '!=', 'done')
        .execute();
      const unlike = await levelsUnlikeShopify(t.database.storage, t.chain.sandbox);
      const gaps = await ledgerGaps(t.database.storage);
      const googleWrong = await googleUnlikeDecision();

      recordCampaignFigures({
        ...NO_FIGURES,
        scenario: `outside failures: Shopify + Google (${testEngine})`,
        faultsInjected: shopifyProxy.faulted + googleProxy.faulted + 30,
        deliveries: t.chain.sandbox.webhooks.deliveries().length,
        duplicated: applied.length - keys.size,
        mismatchedLevels: unlike.length + gaps.length + googleWrong.length,
        notes: [
          `${PHASES.length} outages of ${PHASE_MS / 1000} s (${PHASES.map((p) => p.name).join(', ')}); ` +
            `${shopifyProxy.faulted} Admin API and ${googleProxy.faulted} Merchant API calls failed; ` +
            `${sales} sales, ${holds} holds; ${applied.length} moves applied, ${resends.length} ` +
            `resends answered from the key; converged ${(convergedMs / 1000).toFixed(1)} s after`,
        ],
      });

      expect(shopifyProxy.faulted).toBeGreaterThan(0);
      expect(googleProxy.faulted).toBeGreaterThan(0);
      expect(unfinished).toEqual([]);
      expect(unlike).toEqual([]);
      expect(gaps).toEqual([]);
      expect(googleWrong).toEqual([]);
      // Applied once: one applied entry per key, every resend replayed, no key reused for
      // another input, and as many moves applied in Shopify as trueshelf recorded.
      expect(applied.length).toBe(keys.size);
      expect(resends.length).toBeGreaterThan(0);
      // A resend is the same request under the same key: its first sending came before it
      // (applied, or refused as stale, and Shopify replays whichever it was).
      const firstSent = new Map<string, number>();
      log.forEach((e, i) => {
        if (e.outcome !== 'replayed' && !firstSent.has(e.idempotencyKey))
          firstSent.set(e.idempotencyKey, i);
      });
      expect(
        resends.filter((e) => (firstSent.get(e.idempotencyKey) ?? Infinity) > log.indexOf(e)),
      ).toEqual([]);
      expect(mismatched).toEqual([]);
      expect(acceptedPushes.length).toBe(applied.length);
    },
  );

  async function googleUnlikeDecision(): Promise<string[]> {
    const decisions = await t.database.storage.db
      .selectFrom('decisions')
      .innerJoin('items', 'items.id', 'decisions.item_id')
      .innerJoin('locations', 'locations.handle', 'decisions.location_handle')
      .select(['items.sku', 'locations.google_store_code as storeCode', 'decisions.sellable'])
      .execute();
    const wrong: string[] = [];
    for (const d of decisions) {
      const key = { contentLanguage: 'en', feedLabel: 'US', offerId: d.sku ?? '' };
      const shown = google.store.inventory(ACCOUNT, key, d.storeCode ?? '');
      // No caps or bands configured: Google shows the sellable units, never below zero.
      const expected = String(Math.max(0, d.sellable));
      if (shown?.localInventoryAttributes.quantity !== expected)
        wrong.push(
          `${d.sku}@${d.storeCode}: Google ${shown?.localInventoryAttributes.quantity}, decision ${expected}`,
        );
    }
    return wrong;
  }
});
