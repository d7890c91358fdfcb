import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decideSellable } from '../../../src/domain/decision/decide-sellable.js';
import { fixedTokenAuth } from '../../../src/channels/google/google-auth.js';
import { GoogleLocalInventoryPublisher } from '../../../src/channels/google/google-local-inventory-publisher.js';
import type { LocalInventoryRow } from '../../../src/channels/google/local-inventory-row.js';
import { mapLocalInventoryRow } from '../../../src/channels/google/map-local-inventory-row.js';
import { startGoogleSandbox } from '../../../src/sandbox/google/start-google-sandbox.js';
import type { GoogleSandbox } from '../../../src/sandbox/google/start-google-sandbox.js';
import { loopbackHosts, watchOutboundHosts } from './loopback-guard.js';

const account = '123456';
const slashed = { contentLanguage: 'en', feedLabel: 'US', offerId: 'sku/123' };
const plain = { contentLanguage: 'en', feedLabel: 'US', offerId: 'SKU-1' };

const fullRow: LocalInventoryRow = {
  ...slashed,
  storeCode: 'STORE-A',
  availability: 'IN_STOCK',
  quantity: 5,
  price: { amountMicros: '19990000', currencyCode: 'USD' },
  pickupMethod: 'BUY',
  pickupSla: 'SAME_DAY',
  instoreProductLocation: 'Aisle 4',
};

describe('GoogleLocalInventoryPublisher against the sandbox', () => {
  let sandbox: GoogleSandbox;
  let publisher: GoogleLocalInventoryPublisher;
  const guard = watchOutboundHosts();

  beforeAll(async () => {
    sandbox = await startGoogleSandbox();
    sandbox.store.addProduct(account, { ...slashed, destinations: ['LOCAL_INVENTORY_ADS'] });
    sandbox.store.addProduct(account, { ...plain, destinations: ['FREE_LOCAL_LISTINGS'] });
    publisher = await GoogleLocalInventoryPublisher.create({
      accountId: account,
      endpoint: sandbox.endpoint,
      authClient: fixedTokenAuth(sandbox.accessToken),
    });
  });

  afterEach(() => {
    for (const host of guard.hosts()) expect(loopbackHosts).toContain(host);
  });

  afterAll(async () => {
    // The guard saw the client's connections, and each was to loopback (checked after each case).
    expect(guard.hosts().length).toBeGreaterThan(0);
    guard.stop();
    await publisher.close();
    await sandbox.close();
  });

  it('an insert reaches the sandbox as the official client sends it, and list shows it', async () => {
    expect(await publisher.publish(fullRow)).toEqual({ ok: true });

    const sent = sandbox.store.requests.at(-1);
    // base64url of 'en~US~sku/123', because of the slash.
    expect(sent?.path).toBe(
      `/inventories/v1/accounts/${account}/products/ZW5-VVN-c2t1LzEyMw/localInventories:insert`,
    );
    expect(decodeURIComponent(sent?.query ?? '')).toBe('?$alt=json;enum-encoding=int');
    expect(sent?.body).toEqual({
      storeCode: 'STORE-A',
      localInventoryAttributes: {
        price: { amountMicros: '19990000', currencyCode: 'USD' },
        availability: 1,
        quantity: '5',
        pickupMethod: 1,
        pickupSla: 1,
        instoreProductLocation: 'Aisle 4',
      },
    });

    expect(await publisher.list(slashed)).toEqual([
      {
        storeCode: 'STORE-A',
        availability: 'IN_STOCK',
        quantity: 5,
        price: { amountMicros: '19990000', currencyCode: 'USD' },
        pickupMethod: 'BUY',
        pickupSla: 'SAME_DAY',
        instoreProductLocation: 'Aisle 4',
      },
    ]);
  });

  it('a second insert replaces the whole record, so dropped fields are gone', async () => {
    await publisher.publish(fullRow);
    const bare: LocalInventoryRow = {
      ...slashed,
      storeCode: 'STORE-A',
      availability: 'OUT_OF_STOCK',
      quantity: 0,
    };
    expect(await publisher.publish(bare)).toEqual({ ok: true });

    expect(await publisher.list(slashed)).toEqual([
      { storeCode: 'STORE-A', availability: 'OUT_OF_STOCK', quantity: 0 },
    ]);
  });

  it('a 429 comes back as a retryable outcome and the caller’s retry succeeds', async () => {
    sandbox.store.failNext(1, { httpStatus: 429 });
    const before = sandbox.store.requests.length;

    const first = await publisher.publish({ ...fullRow, offerId: plain.offerId });
    expect(first).toMatchObject({
      ok: false,
      retryable: true,
      reason: 'quota/request_rate_too_high',
      status: 'RESOURCE_EXHAUSTED',
      httpStatus: 429,
    });
    expect(await publisher.publish({ ...fullRow, offerId: plain.offerId })).toEqual({ ok: true });
    // One request each: the client's own retries are off, the outbox owns them.
    expect(sandbox.store.requests.length - before).toBe(2);
  });

  it('a 503 is retryable and is not retried inside the client', async () => {
    sandbox.store.failNext(1, { httpStatus: 503 });
    const before = sandbox.store.requests.length;

    const outcome = await publisher.publish(fullRow);

    expect(outcome).toMatchObject({
      ok: false,
      retryable: true,
      status: 'UNAVAILABLE',
      httpStatus: 503,
    });
    expect(sandbox.store.requests.length - before).toBe(1);
  });

  it('the daily quota says to wait until 12:00 UTC', async () => {
    const morning = await GoogleLocalInventoryPublisher.create({
      accountId: account,
      endpoint: sandbox.endpoint,
      authClient: fixedTokenAuth(sandbox.accessToken),
      clock: () => new Date('2026-05-04T09:30:00Z'),
    });
    sandbox.store.failNext(1, { httpStatus: 429, reason: 'quota/daily_limit_exceeded' });

    const outcome = await morning.publish(fullRow);
    await morning.close();

    expect(outcome).toMatchObject({
      ok: false,
      retryable: true,
      reason: 'quota/daily_limit_exceeded',
    });
    expect(outcome.ok ? 0 : outcome.retryAfterMs).toBe(2.5 * 3600 * 1000);
  });

  it('a product Merchant Center does not have is a permanent outcome with Google’s reason', async () => {
    const outcome = await publisher.publish({ ...fullRow, offerId: 'NO-SUCH-OFFER' });

    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      status: 'NOT_FOUND',
      httpStatus: 404,
      reason: 'SANDBOX_PRODUCT_NOT_FOUND',
    });
  });

  it('a wrong access token is a permanent UNAUTHENTICATED outcome', async () => {
    const stranger = await GoogleLocalInventoryPublisher.create({
      accountId: account,
      endpoint: sandbox.endpoint,
      authClient: fixedTokenAuth('not-the-token'),
    });
    const outcome = await stranger.publish(fullRow);
    await stranger.close();

    expect(outcome).toMatchObject({ ok: false, retryable: false, status: 'UNAUTHENTICATED' });
    expect(sandbox.store.requests.at(-1)?.authorized).toBe(false);
  });

  it('a row the validator refuses is never sent', async () => {
    const before = sandbox.store.requests.length;

    const outcome = await publisher.publish({ ...fullRow, storeCode: '' });

    expect(outcome).toMatchObject({ ok: false, retryable: false, reason: 'invalid_row' });
    expect(outcome.ok ? '' : outcome.message).toContain('storeCode');
    expect(sandbox.store.requests.length).toBe(before);
  });

  it('a delete removes the store’s record', async () => {
    await publisher.publish({ ...fullRow, ...plain, storeCode: 'STORE-B' });
    await publisher.publish({ ...fullRow, ...plain, storeCode: 'STORE-C' });

    expect(await publisher.remove(plain, 'STORE-B')).toEqual({ ok: true });

    const left = (await publisher.list(plain)).map((record) => record.storeCode);
    expect(left).not.toContain('STORE-B');
    expect(left).toContain('STORE-C');
  });

  it('a store code with a space is deleted by its exact code', async () => {
    await publisher.publish({ ...fullRow, ...plain, storeCode: 'Main St 2' });
    await publisher.publish({ ...fullRow, ...plain, storeCode: 'Main St 20' });

    expect(await publisher.remove(plain, 'Main St 2')).toEqual({ ok: true });

    expect(sandbox.store.inventory(account, plain, 'Main St 2')).toBeUndefined();
    expect(sandbox.store.inventory(account, plain, 'Main St 20')?.storeCode).toBe('Main St 20');
  });

  it('a store code with a slash cannot be deleted and says why', async () => {
    const outcome = await publisher.remove(plain, 'Main St/2');

    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      reason: 'unaddressable_store_code',
    });
  });

  it('a POS sale that leaves 2 sellable shows as limited availability at Google', async () => {
    // 5 available, then a POS sale of 3 with nothing placed: sellable 2, the 1-2 band.
    const decision = decideSellable({
      available: 5 - 3,
      placedSafetyStock: 0,
      placedReserved: 0,
      buffer: 0,
      liveHolds: 0,
      managed: true,
    });
    const row = mapLocalInventoryRow({ product: plain, storeCode: 'STORE-POS', decision });

    expect(await publisher.publish(row)).toEqual({ ok: true });

    const stored = sandbox.store.inventory(account, plain, 'STORE-POS');
    expect(stored?.localInventoryAttributes).toEqual({
      availability: 'LIMITED_AVAILABILITY',
      quantity: '2',
    });
  });
});

describe('the official client package', () => {
  it('declares Node 22 but runs here on Node 20', async () => {
    const require = createRequire(import.meta.url);
    const manifestPath = require.resolve('@google-shopping/inventories/package.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
      engines: { node: string };
    };
    expect(manifest.engines.node).toBe('>=22');
    expect(process.versions.node.split('.')[0]).toBe('20');

    const sandbox = await startGoogleSandbox();
    sandbox.store.addProduct('1', { ...plain, destinations: [] });
    const publisher = await GoogleLocalInventoryPublisher.create({
      accountId: '1',
      endpoint: sandbox.endpoint,
      authClient: fixedTokenAuth(sandbox.accessToken),
    });
    const outcome = await publisher.publish({
      ...plain,
      storeCode: 'S1',
      availability: 'IN_STOCK',
      quantity: 3,
    });
    const listed = await publisher.list(plain);
    await publisher.close();
    await sandbox.close();

    expect(outcome).toEqual({ ok: true });
    expect(listed).toEqual([{ storeCode: 'S1', availability: 'IN_STOCK', quantity: 3 }]);
  });
});
