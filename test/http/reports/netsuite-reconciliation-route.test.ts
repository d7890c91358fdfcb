import { generateKeyPairSync } from 'node:crypto';
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
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import {
  seedFact,
  seedItem,
  seedLevel,
  seedLocation,
  seedOrder,
} from '../../engine/erp/erp-fixture.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';

const ACCOUNT_ID = '7654321_SB2';
const READ_TOKEN = 'token-read-reconcile-0123456789';
const NOW = '2026-05-04T10:00:00.000Z';
const clock = new ManualClock(NOW);
const minutesAgo = (minutes: number) => new Date(Date.parse(NOW) - minutes * 60_000).toISOString();

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const m2m = { clientId: 'client-reconcile', certificateId: 'cert-reconcile' };

async function serverFor(database: TestDatabase, env: Record<string, string>) {
  const config = loadConfig({
    env: { TRUESHELF_SHOPIFY_SHOP: 'north-shelf.myshopify.com', ...env },
    flags: { tokens: [{ name: 'storefront', token: READ_TOKEN, scopes: ['read'] }] },
  });
  const ctx: AppContext = {
    config,
    storage: database.storage,
    metrics: new Metrics(),
    logger: silentLogger(),
    clock: clock.now,
    wakeInbox: () => undefined,
    wakeOutbox: () => undefined,
  };
  return { config, server: await buildServer(ctx) };
}

/*
 * By hand, at 10:00 with the connector's order delay set to 1800 s (30 min):
 *   A (cost 500): mirror 10, NetSuite 13: gap −3. POS sale 1001 (2 units, 25 min ago) is not
 *     booked and younger than 30 min: in flight −2 (−1000). Sale 1003 (3 units) is booked and
 *     explains nothing. Unexplained −3 − (−2) = −1 (−500).
 *   B (cost 1200): mirror 4, NetSuite 5: gap −1. POS sale 1002 (1 unit, 60 min ago) is not
 *     booked and older than 30 min: not yet imported −1 (−1200). Nothing unexplained.
 * With the default delay (20 min) sale 1001 would be not yet imported: the setting counts.
 */
describe(`GET /v1/reports/netsuite-reconciliation on ${testEngine}`, () => {
  let database: TestDatabase;
  let sandbox: NetSuiteSandbox;
  let server: FastifyInstance | undefined;

  beforeEach(async () => {
    database = await openTestDatabase();
    sandbox = await startNetSuiteSandbox({
      accountId: ACCOUNT_ID,
      m2m: { ...m2m, publicKey: keys.publicKey },
      clock: clock.now,
    });
    const { storage } = database;
    await seedLocation(storage, { handle: 'downtown', netsuiteId: '7' });
    await seedItem(storage, { id: 'A', sku: 'TEE-A', costCents: 500 });
    await seedItem(storage, { id: 'B', sku: 'TEE-B', costCents: 1200 });
    await seedLevel(storage, 'A', 'downtown', 10);
    await seedLevel(storage, 'B', 'downtown', 4);
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
    await posSale('1001', 'A', 2, 25);
    await posSale('1002', 'B', 1, 60);
    await posSale('1003', 'A', 3, 30);

    sandbox.store.setItem({ id: '10', itemid: 'TEE-A' });
    sandbox.store.setItem({ id: '20', itemid: 'TEE-B' });
    sandbox.store.setItemLocation({ item: '10', location: '7', onHand: 13 });
    sandbox.store.setItemLocation({ item: '20', location: '7', onHand: 5 });
    sandbox.store.recordTransaction({ id: '9003', externalId: '1003', type: 'SalesOrd' });
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
    await sandbox.close();
    await database.close();
  });

  const netsuiteEnv = () => ({
    TRUESHELF_NETSUITE_ACCOUNT_ID: ACCOUNT_ID,
    TRUESHELF_NETSUITE_BASE_URL: sandbox.url,
    TRUESHELF_NETSUITE_CLIENT_ID: m2m.clientId,
    TRUESHELF_NETSUITE_CERTIFICATE_ID: m2m.certificateId,
    // One line with `\n` written out, as an environment variable usually carries it.
    TRUESHELF_NETSUITE_PRIVATE_KEY: keys.privateKey
      .export({ type: 'pkcs8', format: 'pem' })
      .toString()
      .replaceAll('\n', '\\n'),
    TRUESHELF_NETSUITE_CONNECTOR_ORDER_DELAY_SECONDS: '1800',
  });

  /** The poller the worker runs, on a client built from the same config over M2M. */
  const pollFrom = async (config: Parameters<typeof createNetSuiteFromConfig>[0]) => {
    const netsuite = createNetSuiteFromConfig(config, { clock: clock.now });
    if (!netsuite.configured) throw new Error(netsuite.message);
    await new NetSuitePoller({
      storage: database.storage,
      client: netsuite.client,
      clock: clock.now,
    }).runOnce();
  };

  const get = (url: string) =>
    server!.inject({ method: 'GET', url, headers: { authorization: `Bearer ${READ_TOKEN}` } });

  it('classifies each difference and totals them per store, as JSON', async () => {
    const built = await serverFor(database, netsuiteEnv());
    server = built.server;
    await pollFrom(built.config);

    const response = await get('/v1/reports/netsuite-reconciliation');

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const report = response.json<{
      shopifySource: string;
      lines: Array<{ itemId: string; differences: unknown[] }>;
      totals: unknown[];
    }>();
    expect(report.shopifySource).toBe('mirror');
    expect(report.lines.map((line) => [line.itemId, line.differences])).toEqual([
      [
        'A',
        [
          { class: 'in_flight', units: -2, valueCents: -1000, refs: ['order:1001'] },
          { class: 'unexplained', units: -1, valueCents: -500, refs: [] },
        ],
      ],
      ['B', [{ class: 'not_yet_imported', units: -1, valueCents: -1200, refs: ['order:1002'] }]],
    ]);
    const zero = {
      units: 0,
      absoluteUnits: 0,
      valueCents: 0,
      absoluteValueCents: 0,
      unvaluedUnits: 0,
    };
    expect(report.totals).toEqual([
      {
        locationHandle: 'downtown',
        netsuiteLocationId: '7',
        levelsCompared: 2,
        levelsDiffering: 2,
        byClass: {
          in_flight: {
            units: -2,
            absoluteUnits: 2,
            valueCents: -1000,
            absoluteValueCents: 1000,
            unvaluedUnits: 0,
          },
          missed_signal: zero,
          not_yet_imported: {
            units: -1,
            absoluteUnits: 1,
            valueCents: -1200,
            absoluteValueCents: 1200,
            unvaluedUnits: 0,
          },
          count_correction_not_posted: zero,
          unexplained: {
            units: -1,
            absoluteUnits: 1,
            valueCents: -500,
            absoluteValueCents: 500,
            unvaluedUnits: 0,
          },
        },
      },
    ]);
    expect(sandbox.store.authFailures).toEqual([]);
  });

  it('answers one CSV row per difference with ?format=csv', async () => {
    const built = await serverFor(database, netsuiteEnv());
    server = built.server;
    await pollFrom(built.config);

    const response = await get('/v1/reports/netsuite-reconciliation?format=csv');

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.body.split('\r\n')).toEqual([
      'location,netsuite_location_id,item_id,sku,netsuite_item_id,class,units,value_cents,' +
        'shopify_on_hand,mirror_on_hand,netsuite_on_hand,refs',
      'downtown,7,A,TEE-A,10,in_flight,-2,-1000,,10,13,order:1001',
      'downtown,7,A,TEE-A,10,unexplained,-1,-500,,10,13,',
      'downtown,7,B,TEE-B,20,not_yet_imported,-1,-1200,,4,5,order:1002',
      '',
    ]);
  });

  it('refuses a format it does not know with invalid_request', async () => {
    server = (await serverFor(database, netsuiteEnv())).server;

    const response = await get('/v1/reports/netsuite-reconciliation?format=xlsx');

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'invalid_request', details: { parameter: 'format' } },
    });
  });

  it('answers 404 not_found naming TRUESHELF_NETSUITE_ACCOUNT_ID when NetSuite is off', async () => {
    server = (await serverFor(database, {})).server;

    const response = await get('/v1/reports/netsuite-reconciliation');

    expect(response.statusCode).toBe(404);
    const body = response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain('TRUESHELF_NETSUITE_ACCOUNT_ID');
    expect(sandbox.store.requests).toEqual([]);
  });

  it('needs a client token', async () => {
    server = (await serverFor(database, netsuiteEnv())).server;

    const response = await server.inject({
      method: 'GET',
      url: '/v1/reports/netsuite-reconciliation',
    });

    expect(response.statusCode).toBe(401);
  });
});
