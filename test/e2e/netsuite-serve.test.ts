import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTrueshelf } from '../../src/app/start-trueshelf.js';
import type { RunningTrueshelf } from '../../src/app/start-trueshelf.js';
import { locationSettingsSchema } from '../../src/config/config-schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import { erpDb } from '../../src/engine/erp/erp-database.js';
import { startNetSuiteSandbox } from '../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import type { NetSuiteSandbox } from '../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import { startShopifySandbox } from '../../src/sandbox/shopify/shopify-sandbox.js';
import type { ShopifySandbox } from '../../src/sandbox/shopify/shopify-sandbox.js';
import { silentLogger } from '../../src/shared/logger.js';
import { importCatalogue } from '../../src/sources/shopify/import-catalogue.js';
import { seedBookedCorrection } from '../engine/erp/correction-fixture.js';
import { openTestDatabase, testEngine } from '../support/test-storage.js';
import type { TestDatabase } from '../support/test-storage.js';

const ACCOUNT_ID = '7654321_SB1';
const SHOP = 'netsuite-serve.myshopify.com';
const TOKEN = 'shpat_netsuite_serve';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const m2m = { clientId: 'serve-client', certificateId: 'serve-cert' };

/** Polls `check` every 20 ms for at most 10 s. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/*
 * By hand: NetSuite item 10 (itemid TEE-A) has on hand 10 at location 7 (downtown). The audit
 * booked correction c-1 in Shopify: counted 7, so −3, at 03:30 UTC on 1 March 2026, which is
 * 22:30 on 28 February in New York. serve posts one inventory adjustment, externalId
 * trueshelf-count-c-1, account 154, dated 2026-02-28, item 10 at 7 by −3; NetSuite then holds
 * 10 − 3 = 7, and the next incremental poll stores 7.
 */
describe(`serve with NetSuite configured on ${testEngine}`, () => {
  let database: TestDatabase;
  let shopify: ShopifySandbox;
  let netsuite: NetSuiteSandbox;
  let running: RunningTrueshelf | undefined;
  let shopifyLocationId: string;

  beforeEach(async () => {
    database = await openTestDatabase();
    shopify = await startShopifySandbox({
      shop: SHOP,
      accessToken: TOKEN,
      webhookSecret: 'netsuite-serve-secret',
      seed: 5,
    });
    shopifyLocationId = shopify.store.createLocation({
      name: 'downtown',
      fulfillsOnlineOrders: true,
      pickup: true,
      priority: 0,
    }).id;
    const product = shopify.store.createProduct({
      title: 'Tee A',
      variants: [{ sku: 'TEE-A', price: '10.00', tracked: true, inventoryPolicy: 'DENY' }],
    });
    shopify.store.connectLevel({
      inventoryItemId: product.variants[0]?.inventoryItemId ?? '',
      locationId: shopifyLocationId,
      available: 10,
    });

    netsuite = await startNetSuiteSandbox({
      accountId: ACCOUNT_ID,
      m2m: { ...m2m, publicKey: keys.publicKey },
    });
    netsuite.store.setItem({ id: '10', itemid: 'TEE-A' });
    netsuite.store.setItemLocation({ item: '10', location: '7', onHand: 10 });
  });

  afterEach(async () => {
    await running?.close();
    running = undefined;
    await netsuite.close();
    await shopify.close();
    await database.close();
  });

  const serve = async (
    mode: 'shadow' | 'publish' = 'publish',
    options: { clock?: () => Date; fullReadAtUtc?: string } = {},
  ) => {
    const config = loadConfig({
      env: {},
      flags: {
        port: 0,
        databaseUrl: database.url,
        logLevel: 'silent',
        'shopify.shop': SHOP,
        'shopify.adminUrl': shopify.url,
        'shopify.accessToken': TOKEN,
        'shopify.webhookSecret': 'netsuite-serve-secret',
        'netsuite.accountId': ACCOUNT_ID,
        'netsuite.baseUrl': netsuite.url,
        'netsuite.clientId': m2m.clientId,
        'netsuite.certificateId': m2m.certificateId,
        'netsuite.privateKey': keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        'netsuite.mode': mode,
        'netsuite.adjustmentAccountId': '154',
        'netsuite.pollIntervalSeconds': 0.1,
        ...(options.fullReadAtUtc ? { 'netsuite.fullReadAtUtc': options.fullReadAtUtc } : {}),
        locations: [
          locationSettingsSchema.parse({
            handle: 'downtown',
            timeZone: 'America/New_York',
            shopifyLocationId,
            netsuiteId: '7',
            managed: true,
            mode: 'publish',
          }),
        ],
      },
    });
    const started = await startTrueshelf(config, {
      storage: database.storage,
      logger: silentLogger(),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    running = started;
    return started;
  };

  const storedOnHand = async (expected: number) =>
    eventually(`NetSuite on hand ${expected} stored`, async () => {
      const row = await erpDb(database.storage)
        .selectFrom('netsuite_on_hand')
        .select('on_hand')
        .where('netsuite_item_id', '=', '10')
        .where('netsuite_location_id', '=', '7')
        .executeTakeFirst();
      return row?.on_hand === expected ? row : undefined;
    });

  const itemA = async () =>
    (
      await database.storage.db
        .selectFrom('items')
        .select('id')
        .where('sku', '=', 'TEE-A')
        .executeTakeFirstOrThrow()
    ).id;

  it('polls NetSuite and posts a booked count correction once, by its external id', async () => {
    const first = await serve();
    await importCatalogue(database.storage, first.shopify, {
      clock: first.context.clock,
      modes: { shopify: 'publish', google: 'shadow' },
    });
    await storedOnHand(10);
    await eventually('TEE-A matched to NetSuite item 10', async () =>
      erpDb(database.storage)
        .selectFrom('netsuite_items')
        .select('item_id')
        .where('netsuite_item_id', '=', '10')
        .where('item_id', 'is not', null)
        .executeTakeFirst(),
    );

    await seedBookedCorrection(database.storage, {
      id: 'c-1',
      importId: 'import-1',
      locationHandle: 'downtown',
      countedAt: '2026-03-01T03:30:00.000Z',
      appliedAt: '2026-03-01T04:00:00.000Z',
      lines: [{ itemId: await itemA(), delta: -3, countedQuantity: 7 }],
    });

    await eventually('the adjustment posted', async () =>
      netsuite.store.adjustments().length > 0 ? true : undefined,
    );
    await storedOnHand(7);
    expect(netsuite.store.adjustments()).toMatchObject([
      {
        externalId: 'trueshelf-count-c-1',
        accountId: '154',
        locationId: '7',
        tranDate: '2026-02-28',
        lines: [{ item: '10', location: '7', adjustQtyBy: -3 }],
      },
    ]);
    const post = await erpDb(database.storage)
      .selectFrom('erp_posts')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(post).toMatchObject({
      external_id: 'trueshelf-count-c-1',
      source_ref: 'c-1',
      status: 'posted',
      outcome: 'created',
    });
    // Each location is read from its own watermark once it has been read in full.
    const watermark = await erpDb(database.storage)
      .selectFrom('netsuite_watermarks')
      .select('scope')
      .executeTakeFirst();
    expect(watermark?.scope).toBe('aggregateItemLocation:7');
    expect(netsuite.store.authFailures).toEqual([]);

    // A worker that died after NetSuite booked the adjustment but before recording it: the
    // next serve sends the same document again, and NetSuite keeps one record.
    await first.close();
    running = undefined;
    await erpDb(database.storage)
      .updateTable('erp_posts')
      .set({ status: 'pending', netsuite_id: null, outcome: null, posted_at: null })
      .execute();
    const second = await serve();
    await eventually('the resend recorded', async () => {
      const row = await erpDb(database.storage)
        .selectFrom('erp_posts')
        .select(['status', 'outcome'])
        .executeTakeFirst();
      return row?.status === 'posted' ? row : undefined;
    });
    await second.drain(5000);

    expect(
      await erpDb(database.storage).selectFrom('erp_posts').select('outcome').execute(),
    ).toEqual([{ outcome: 'already_posted' }]);
    expect(netsuite.store.adjustments()).toHaveLength(1);
    expect(netsuite.store.itemLocation('10', '7')?.onHand).toBe(7);
  });

  it('in shadow it polls but posts nothing', async () => {
    const shadow = await serve('shadow');
    await importCatalogue(database.storage, shadow.shopify, {
      clock: shadow.context.clock,
      modes: { shopify: 'publish', google: 'shadow' },
    });
    await storedOnHand(10);
    await seedBookedCorrection(database.storage, {
      id: 'c-2',
      importId: 'import-2',
      locationHandle: 'downtown',
      countedAt: '2026-03-01T03:30:00.000Z',
      appliedAt: '2026-03-01T04:00:00.000Z',
      lines: [{ itemId: await itemA(), delta: -3 }],
    });

    const recorded = await eventually('the document recorded', async () =>
      erpDb(database.storage).selectFrom('erp_posts').selectAll().executeTakeFirst(),
    );
    await shadow.drain(5000);

    expect(recorded).toMatchObject({ external_id: 'trueshelf-count-c-2', status: 'pending' });
    expect(netsuite.store.adjustments()).toEqual([]);
  });

  it('drops a row NetSuite deleted at the first read after the daily full-read time', async () => {
    // trueshelf's clock starts at 03:00 UTC and runs; the full read is due from 03:30.
    let offsetMs = Date.parse('2026-03-01T03:00:00.000Z') - Date.now();
    const clock = () => new Date(Date.now() + offsetMs);
    // NetSuite on the same clock, so the M2M assertions trueshelf signs are current for it.
    await netsuite.close();
    netsuite = await startNetSuiteSandbox({
      accountId: ACCOUNT_ID,
      m2m: { ...m2m, publicKey: keys.publicKey },
      clock,
    });
    netsuite.store.setItem({ id: '10', itemid: 'TEE-A' });
    netsuite.store.setItemLocation({ item: '10', location: '7', onHand: 10 });
    netsuite.store.setItem({ id: '11', itemid: 'TEE-B' });
    netsuite.store.setItemLocation({ item: '11', location: '7', onHand: 4 });
    await serve('shadow', { clock, fullReadAtUtc: '03:30' });
    const rowOf = (item: string) =>
      erpDb(database.storage)
        .selectFrom('netsuite_on_hand')
        .select('on_hand')
        .where('netsuite_item_id', '=', item)
        .where('netsuite_location_id', '=', '7')
        .executeTakeFirst();
    await eventually('the first read stored item 11', rowOf.bind(null, '11'));

    // NetSuite drops item 11 at the location; a change to item 10 shows reads go on.
    netsuite.store.removeItemLocation('11', '7');
    netsuite.store.setItemLocation({ item: '10', location: '7', onHand: 9 });
    await storedOnHand(9);
    // Incremental reads since: item 11 is still there, with its last figure.
    expect(await rowOf('11')).toEqual({ on_hand: 4 });

    offsetMs += 31 * 60_000;
    await eventually('item 11 dropped by the full read', async () =>
      (await rowOf('11')) === undefined ? true : undefined,
    );
    expect(await rowOf('10')).toEqual({ on_hand: 9 });
  });
});
