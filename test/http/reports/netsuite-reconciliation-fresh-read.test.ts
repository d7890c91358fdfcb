import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/app-context.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createNetSuiteFromConfig } from '../../../src/engine/erp/create-netsuite-from-config.js';
import { NetSuitePoller } from '../../../src/engine/erp/netsuite-poller.js';
import { Metrics } from '../../../src/engine/metrics/metrics.js';
import { buildServer } from '../../../src/http/build-server.js';
import { startNetSuiteSandbox } from '../../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import type { NetSuiteSandbox } from '../../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import { startShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import type { ShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { seedBookedCorrection } from '../../engine/erp/correction-fixture.js';
import {
  seedFact,
  seedItem,
  seedLevel,
  seedLocation,
  seedOrder,
} from '../../engine/erp/erp-fixture.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';

const ACCOUNT_ID = '1234567_SB1';
const SHOP = 'north-shelf.myshopify.com';
const SHOPIFY_TOKEN = 'shpat_reconcile_fresh_read';
const READ_TOKEN = 'token-read-reconcile-fresh-0123';
const tba = {
  consumerKey: 'fresh-consumer-key',
  consumerSecret: 'fresh-consumer-secret',
  tokenId: 'fresh-token-id',
  tokenSecret: 'fresh-token-secret',
};
const NOW = '2026-05-04T12:00:00.000Z';
const clock = new ManualClock(NOW);
const minutesAgo = (minutes: number) => new Date(Date.parse(NOW) - minutes * 60_000).toISOString();

/*
 * One difference of each class, by hand, at 12:00 with the default connector delay (1200 s):
 *   downtown A (cost 500): mirror 10, Shopify 10, NetSuite 11. POS sale 1001 (1 unit, 10 min
 *     ago) is not booked and younger than 20 min: in flight −1 (−500); 10 − 11 − (−1) = 0 left.
 *     Sale 1003 (4 units, 30 min ago) is booked in NetSuite and explains nothing.
 *   downtown B (1200): mirror 7, Shopify 5 (no webhook came), NetSuite 5: missed signal
 *     5 − 7 = −2 (−2400); Shopify and NetSuite agree.
 *   downtown C (800): mirror 4, Shopify 4, NetSuite 5. POS sale 1002 (1 unit, 60 min ago) is
 *     not booked and older than 20 min: not yet imported −1 (−800).
 *   uptown D (250): 9, 9, NetSuite 6. Correction c-81 (+3) was booked in Shopify and has no
 *     posted adjustment: count correction not posted +3 (+750).
 *   uptown E (1000): 3, 3, NetSuite 5, nothing explains it: unexplained −2 (−2000).
 *   uptown F (300): 2 everywhere: no line.
 */
describe(`the NetSuite reconciliation route with a fresh Shopify read on ${testEngine}`, () => {
  let database: TestDatabase;
  let netsuite: NetSuiteSandbox;
  let shopify: ShopifySandbox;
  let server: FastifyInstance | undefined;

  beforeEach(async () => {
    database = await openTestDatabase();
    netsuite = await startNetSuiteSandbox({ accountId: ACCOUNT_ID, tba, clock: clock.now });
    shopify = await startShopifySandbox({
      shop: SHOP,
      accessToken: SHOPIFY_TOKEN,
      webhookSecret: 'fresh-read-secret',
      clock: clock.now,
      seed: 3,
    });
    const { storage } = database;
    const locations = { downtown: '7', uptown: '8' } as const;
    const shopifyLocations: Record<string, string> = {};
    for (const [handle, netsuiteId] of Object.entries(locations)) {
      const { id } = shopify.store.createLocation({
        name: handle,
        fulfillsOnlineOrders: true,
        pickup: true,
        priority: 0,
      });
      shopifyLocations[handle] = id;
      await seedLocation(storage, { handle, netsuiteId, shopifyLocationId: id });
    }

    // item, cost, location, mirror, Shopify now, NetSuite
    const levels = [
      ['A', 500, 'downtown', 10, 10, 11],
      ['B', 1200, 'downtown', 7, 5, 5],
      ['C', 800, 'downtown', 4, 4, 5],
      ['D', 250, 'uptown', 9, 9, 6],
      ['E', 1000, 'uptown', 3, 3, 5],
      ['F', 300, 'uptown', 2, 2, 2],
    ] as const;
    for (const [index, [id, cost, handle, mirror, now, books]] of levels.entries()) {
      const product = shopify.store.createProduct({
        title: `Tee ${id}`,
        variants: [{ sku: `TEE-${id}`, price: '10.00', tracked: true, inventoryPolicy: 'DENY' }],
      });
      const shopifyItemId = product.variants[0]?.inventoryItemId ?? '';
      shopify.store.connectLevel({
        inventoryItemId: shopifyItemId,
        locationId: shopifyLocations[handle] ?? '',
        available: now,
      });
      await seedItem(storage, { id, sku: `TEE-${id}`, costCents: cost, shopifyItemId });
      await seedLevel(storage, id, handle, mirror);
      const netsuiteItem = String(40 + index);
      netsuite.store.setItem({ id: netsuiteItem, itemid: `TEE-${id}` });
      netsuite.store.setItemLocation({
        item: netsuiteItem,
        location: locations[handle],
        onHand: books,
      });
    }

    const posSale = async (id: string, itemId: string, quantity: number, minutes: number) => {
      const at = minutesAgo(minutes);
      await seedOrder(storage, {
        id,
        sourceName: 'pos',
        locationHandle: 'downtown',
        createdAt: at,
      });
      await seedFact(storage, {
        kind: 'order',
        ref: id,
        lineRef: `${id}-1`,
        orderId: id,
        itemId,
        locationHandle: 'downtown',
        quantity,
        occurredAt: at,
      });
    };
    await posSale('1001', 'A', 1, 10);
    await posSale('1002', 'C', 1, 60);
    await posSale('1003', 'A', 4, 30);
    netsuite.store.recordTransaction({ id: '9003', externalId: '1003', type: 'CashSale' });

    await seedBookedCorrection(storage, {
      id: 'c-81',
      importId: 'import-1',
      locationHandle: 'uptown',
      countedAt: minutesAgo(50),
      appliedAt: minutesAgo(45),
      lines: [{ itemId: 'D', delta: 3 }],
    });
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
    await shopify.close();
    await netsuite.close();
    await database.close();
  });

  const start = async () => {
    const config = loadConfig({
      env: {},
      flags: {
        'shopify.shop': SHOP,
        'shopify.adminUrl': shopify.url,
        'shopify.accessToken': SHOPIFY_TOKEN,
        'netsuite.accountId': ACCOUNT_ID,
        'netsuite.baseUrl': netsuite.url,
        'netsuite.authScheme': 'tba',
        ...Object.fromEntries(
          Object.entries(tba).map(([key, value]) => [`netsuite.${key}`, value]),
        ),
        tokens: [{ name: 'finance', token: READ_TOKEN, scopes: ['read'] }],
      },
    });
    const client = createNetSuiteFromConfig(config, { clock: clock.now });
    if (!client.configured) throw new Error(client.message);
    await new NetSuitePoller({
      storage: database.storage,
      client: client.client,
      clock: clock.now,
    }).runOnce();

    const ctx: AppContext = {
      config,
      storage: database.storage,
      metrics: new Metrics(),
      logger: silentLogger(),
      clock: clock.now,
      wakeInbox: () => undefined,
      wakeOutbox: () => undefined,
    };
    server = await buildServer(ctx);
    return server;
  };

  const get = async (url: string) =>
    (await start()).inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${READ_TOKEN}` },
    });

  it('reports one difference of each class, with Shopify read afresh beside the mirror', async () => {
    const response = await get('/v1/reports/netsuite-reconciliation');

    expect(response.statusCode).toBe(200);
    const report = response.json<{
      shopifySource: string;
      lines: Array<{
        locationHandle: string;
        itemId: string;
        mirrorOnHand: number;
        shopifyOnHand: number | null;
        netsuiteOnHand: number;
        differences: Array<{ class: string; units: number; valueCents: number; refs: string[] }>;
      }>;
    }>();
    expect(report.shopifySource).toBe('fresh_read');
    expect(
      report.lines.map((line) => [
        line.locationHandle,
        line.itemId,
        [line.shopifyOnHand, line.mirrorOnHand, line.netsuiteOnHand],
        line.differences.map((d) => [d.class, d.units, d.valueCents, d.refs]),
      ]),
    ).toEqual([
      ['downtown', 'A', [10, 10, 11], [['in_flight', -1, -500, ['order:1001']]]],
      ['downtown', 'B', [5, 7, 5], [['missed_signal', -2, -2400, []]]],
      ['downtown', 'C', [4, 4, 5], [['not_yet_imported', -1, -800, ['order:1002']]]],
      ['uptown', 'D', [9, 9, 6], [['count_correction_not_posted', 3, 750, ['count:c-81']]]],
      ['uptown', 'E', [3, 3, 5], [['unexplained', -2, -2000, []]]],
    ]);
    expect(netsuite.store.authFailures).toEqual([]);
  });

  it('a correction whose adjustment is posted no longer explains anything', async () => {
    // Posted and read back: NetSuite's books have the +3, so D agrees everywhere.
    netsuite.store.setItemLocation({ item: '43', location: '8', onHand: 9 });
    await database.storage.db
      .insertInto('erp_posts' as never)
      .values({
        external_id: 'trueshelf-count-c-81',
        kind: 'inventory_adjustment',
        source_ref: 'c-81',
        location_handle: 'uptown',
        request: '{}',
        status: 'posted',
        netsuite_id: '5001',
        outcome: 'created',
        created_at: minutesAgo(40),
        posted_at: minutesAgo(40),
      } as never)
      .execute();

    const response = await get('/v1/reports/netsuite-reconciliation?format=csv');

    expect(response.statusCode).toBe(200);
    const rows = response.body.split('\r\n');
    expect(rows.filter((row) => row.startsWith('uptown'))).toEqual([
      'uptown,8,E,TEE-E,44,unexplained,-2,-2000,3,3,5,',
    ]);
    expect(rows.find((row) => row.includes(',B,'))).toBe(
      'downtown,7,B,TEE-B,41,missed_signal,-2,-2400,5,7,5,',
    );
  });
});
