import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCounts } from '../../../src/sources/counts/import-counts.js';
import {
  LevelLedger,
  at,
  clockAt,
  seedItem,
  seedLocation,
} from '../../reports/audit/audit-fixture.js';
import { FakeShopifyAdmin } from '../../reports/audit/fake-shopify-admin.js';
import { shopifyTestClient } from '../../reports/audit/shopify-test-client.js';
import { testEngine } from '../../support/test-storage.js';
import { AUDIT_TOKENS, bearer, startAuditTestServer } from './audit-test-server.js';
import type { AuditTestServer } from './audit-test-server.js';

const NORTH = '7001';
const KETTLE = '9001';
const MUG = '9002';

/*
 * By hand (the same books as counts-routes.test.ts). North from 09:00: kettle 10, mug 20;
 * kettle sold 2 at 11:00 and 1 at 12:30; counted at 12:00: kettle 7, mug 21.
 *   kettle: system 8 at the count, variance −1 (1 ghost, 2000 cents at cost).
 *   mug: system 20, variance +1 (1 found, 300 cents at cost).
 *   drift = (1 + 1) / (8 + 20) = 7.14 %: over 3 %.
 * Corrections: kettle −1 on Shopify's available, read fresh (7 after the 12:30 sale) → 6, so
 * the sale after the count is kept; mug +1: 20 → 21.
 */
describe(`the audit routes on ${testEngine}`, () => {
  let t: AuditTestServer;
  let shopify: FakeShopifyAdmin;

  beforeEach(async () => {
    shopify = new FakeShopifyAdmin();
    const origin = await shopify.start();
    t = await startAuditTestServer(at(14), shopifyTestClient(origin, clockAt(at(14))));
    const storage = t.database.storage;
    await seedLocation(storage, { handle: 'north', shopifyLocationId: NORTH });
    await seedItem(storage, {
      id: 'kettle',
      sku: 'KETTLE',
      shopifyInventoryItemId: KETTLE,
      costCents: 2000,
    });
    await seedItem(storage, { id: 'mug', sku: 'MUG', shopifyInventoryItemId: MUG, costCents: 300 });
    const kettle = await LevelLedger.open(storage, 'kettle', 'north', 10, at(9));
    await LevelLedger.open(storage, 'mug', 'north', 20, at(9));
    await kettle.posSale(2, at(11));
    await kettle.posSale(1, at(12.5));
    const imported = await importCounts(
      storage,
      [
        'location,sku,counted_quantity,counted_at',
        'north,KETTLE,7,2026-03-01T12:00:00Z',
        'north,MUG,21,2026-03-01T12:00:00Z',
      ],
      { clock: clockAt(at(13)) },
    );
    expect(imported.ok).toBe(true);
    shopify.setLevel(KETTLE, NORTH, 7);
    shopify.setLevel(MUG, NORTH, 20);
  });
  afterEach(async () => {
    await t.close();
    await shopify.stop();
  });

  const get = (url: string, token: string = AUDIT_TOKENS.read) =>
    t.server.inject({ method: 'GET', url, headers: bearer(token) });
  const correct = (query = '') =>
    t.server.inject({
      method: 'POST',
      url: `/v1/audits/corrections${query}`,
      headers: bearer(AUDIT_TOKENS.write),
    });

  it('reports drift per store and chain as JSON, CSV and HTML', async () => {
    const json = await get('/v1/reports/audit');
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({
      chain: { systemUnits: 28, ghostUnits: 1, foundUnits: 1, driftPercent: 7.14 },
      stores: [
        {
          locationHandle: 'north',
          driftPercent: 7.14,
          overThreshold: true,
          ghostValue: { costCents: 2000 },
          foundValue: { costCents: 300 },
        },
      ],
    });

    const relaxed = await get('/v1/reports/audit?threshold=8');
    expect(relaxed.json()).toMatchObject({ stores: [{ overThreshold: false }] });

    const csv = await get('/v1/reports/audit?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.body.trim().split('\r\n');
    expect(rows[0]?.startsWith('scope,name,drift_percent,over_threshold')).toBe(true);
    expect(rows.some((r) => r.startsWith('store,') && r.includes(',7.14,true,'))).toBe(true);

    const items = await get('/v1/reports/audit?format=csv&table=items');
    expect(items.body).toContain('kettle');

    const html = await get('/v1/reports/audit?format=html');
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<svg');
  });

  it('refuses an unknown format with the parameter named', async () => {
    const response = await get('/v1/reports/audit?format=pdf');

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'invalid_request', details: { parameter: 'format', seen: 'pdf' } },
    });
  });

  it('lists each correction in a dry run and sends nothing', async () => {
    const response = await correct();

    expect(response.statusCode).toBe(200);
    const body = response.json<{
      confirmed: boolean;
      plan: { groups: { locationHandle: string; changes: { itemId: string; delta: number }[] }[] };
    }>();
    expect(body.confirmed).toBe(false);
    expect(
      body.plan.groups.map((g) => [g.locationHandle, g.changes.map((c) => [c.itemId, c.delta])]),
    ).toEqual([
      [
        'north',
        [
          ['kettle', -1],
          ['mug', 1],
        ],
      ],
    ]);
    expect(shopify.readCalls + shopify.adjustCalls.length).toBe(0);
  });

  it('applies the corrections once on confirm, keeping the sale made after the count', async () => {
    const first = await correct('?confirm=true');

    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      confirmed: true,
      outcomes: [{ locationHandle: 'north', status: 'applied', appliedChanges: 2 }],
    });
    expect(shopify.level(KETTLE, NORTH)).toEqual({ available: 6, onHand: 6 });
    expect(shopify.level(MUG, NORTH)).toEqual({ available: 21, onHand: 21 });

    // Confirmed again: nothing is left to correct, and nothing more is sent.
    const again = await correct('?confirm=true');
    expect(again.json()).toMatchObject({ confirmed: true, outcomes: [] });
    expect(shopify.adjustCalls.filter((c) => c.outcome === 'applied')).toHaveLength(1);
    expect(shopify.level(KETTLE, NORTH)).toEqual({ available: 6, onHand: 6 });
  });

  it('answers 409 corrections_not_applied when Shopify refuses, having applied nothing', async () => {
    shopify.refuseNextAdjust = { code: 'INVALID_REASON', message: 'refused for the test' };

    const response = await correct('?confirm=true');

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      error: {
        code: 'corrections_not_applied',
        details: { outcomes: [{ locationHandle: 'north', status: 'rejected', appliedChanges: 0 }] },
      },
    });
    expect(shopify.level(KETTLE, NORTH)).toEqual({ available: 7, onHand: 7 });
  });
});
