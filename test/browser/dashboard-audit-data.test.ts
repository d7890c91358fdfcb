import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCounts } from '../../src/sources/counts/import-counts.js';
import { startTestServer, TOKENS } from '../http/http-test-context.js';
import type { TestServer } from '../http/http-test-context.js';
import { seedRows } from '../http/v1/seed-rows.js';

const HEADER = 'location,sku,counted_quantity,counted_at';

// The levels have no movements, so each count is taken against on hand as it stands
// (the `level_unchanged` basis). Worked out by hand:
// queen-st: MUG-RED 10 → 8 (ghost 2), MUG-BLUE 4 → 4, TEE-S 6 → 7 (found 1):
//   system 20, Σ|variance| 3, drift 15.00%, over the 3% threshold; ghost 2 × 400¢ = 800¢ at
//   cost, 2 × 1000¢ = 2000¢ at retail.
// king-st: MUG-RED 20 → 20, TEE-S 5 → 5: system 25, drift 0.00%.
// chain: 3 / 45 = 6.67%. mugs: 2 / (10 + 4 + 20) = 5.88%; tees: 1 / (6 + 5) = 9.09%.
const FIRST_COUNT = [
  HEADER,
  'queen-st,MUG-RED,8,2026-05-04T09:00:00Z',
  'queen-st,MUG-BLUE,4,2026-05-04T09:00:00Z',
  'queen-st,TEE-S,7,2026-05-04T09:00:00Z',
  'king-st,MUG-RED,20,2026-05-04T09:00:00Z',
  'king-st,TEE-S,5,2026-05-04T09:00:00Z',
];

describe('the dashboard audit call', () => {
  let t: TestServer;
  let cookie: string;

  beforeEach(async () => {
    t = await startTestServer();
    const seed = seedRows(t.storage);
    await seed.location({ handle: 'queen-st', name: 'Queen St', mode: 'publish', managed: 1 });
    await seed.location({ handle: 'king-st', name: 'King St', mode: 'shadow', managed: 1 });
    await seed.location({ handle: 'dc-east', name: 'DC East', kind: 'warehouse' });
    const item = { category: 'mugs', cost_cents: 400, price_cents: 1000 };
    await seed.item({ id: 'item-1', sku: 'MUG-RED', ...item });
    await seed.item({ id: 'item-2', sku: 'MUG-BLUE', ...item, cost_cents: 500 });
    await seed.item({ id: 'item-3', sku: 'TEE-S', category: 'tees', cost_cents: 800 });
    const levels: [string, string, number][] = [
      ['item-1', 'queen-st', 10],
      ['item-2', 'queen-st', 4],
      ['item-3', 'queen-st', 6],
      ['item-1', 'king-st', 20],
      ['item-3', 'king-st', 5],
      ['item-1', 'dc-east', 40],
    ];
    for (const [item_id, location_handle, on_hand] of levels) {
      await seed.level({ item_id, location_handle, on_hand, available: on_hand });
    }

    const reply = await t.server.inject({
      method: 'POST',
      url: '/dashboard/session',
      payload: { token: TOKENS.read },
    });
    cookie = String(reply.headers['set-cookie']).split(';')[0] ?? '';
  });
  afterEach(async () => {
    await t.close();
  });

  const get = async <T>(url: string) => {
    const reply = await t.server.inject({ method: 'GET', url, headers: { cookie } });
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<T>();
  };
  const importLines = async (lines: string[]) => {
    const result = await importCounts(t.storage, lines, { clock: t.clock.now });
    expect(result.ok).toBe(true);
  };

  it('says there is no audit yet before any count is imported', async () => {
    const audit = await get<Record<string, unknown>>('/dashboard/api/audit');
    const overview = await get<{ drift: Record<string, unknown> }>('/dashboard/api/overview');

    expect(audit).toMatchObject({ imports: 0, latestImportAt: null, stores: [], flagged: [] });
    expect(audit['chain']).toMatchObject({ counts: 0, driftPercent: null });
    expect(overview.drift).toMatchObject({ chainDriftPercent: null, stores: {} });
  });

  it('shows drift per store and category, the flagged store and the worst items', async () => {
    await importLines(FIRST_COUNT);

    const audit = await get<{
      chain: Record<string, unknown>;
      flagged: string[];
      stores: Record<string, unknown>[];
      categories: Record<string, unknown>[];
      worstItems: Record<string, unknown>[];
    }>('/dashboard/api/audit');

    expect(audit.chain).toMatchObject({
      counts: 5,
      systemUnits: 45,
      absoluteVarianceUnits: 3,
      driftPercent: 6.67,
      ghostUnits: 2,
      ghostValue: { costCents: 800, retailCents: 2000 },
      foundUnits: 1,
    });
    expect(audit.flagged).toEqual(['queen-st']);
    expect(
      audit.stores.map((s) => [s['locationHandle'], s['driftPercent'], s['overThreshold']]),
    ).toEqual([
      ['queen-st', 15, true],
      ['king-st', 0, false],
    ]);
    expect(audit.categories.map((c) => [c['category'], c['driftPercent']])).toEqual([
      ['tees', 9.09],
      ['mugs', 5.88],
    ]);
    // 2 × 400¢ and 1 × 800¢ tie at cost; the larger variance in units comes first.
    expect(
      audit.worstItems.map((w) => [w['locationHandle'], w['itemId'], w['variance'], w['causes']]),
    ).toEqual([
      ['queen-st', 'item-1', -2, []],
      ['queen-st', 'item-3', 1, []],
    ]);
  });

  it('gives the overview each counted store’s drift, and no drift for a store never counted', async () => {
    await importLines(FIRST_COUNT);

    const overview = await get<{ drift: { chainDriftPercent: number; stores: object } }>(
      '/dashboard/api/overview',
    );

    expect(overview.drift.chainDriftPercent).toBe(6.67);
    expect(overview.drift.stores).toEqual({
      'queen-st': { driftPercent: 15, overThreshold: true, counts: 3, ghostUnits: 2 },
      'king-st': { driftPercent: 0, overThreshold: false, counts: 2, ghostUnits: 0 },
    });
  });

  it('shows a new import at once, though the last report is kept between polls', async () => {
    await importLines(FIRST_COUNT);
    await get('/dashboard/api/audit');
    // A recount finds MUG-RED's 2 missing units at queen-st: Σ|variance| there is 1 of 20.
    await importLines([HEADER, 'queen-st,MUG-RED,10,2026-05-04T09:30:00Z']);

    const audit = await get<{ imports: number; stores: Record<string, unknown>[] }>(
      '/dashboard/api/audit',
    );

    expect(audit.imports).toBe(2);
    expect(audit.stores.find((s) => s['locationHandle'] === 'queen-st')).toMatchObject({
      driftPercent: 5,
      overThreshold: true,
      ghostUnits: 0,
    });
  });

  it('keeps the last report for up to 60 s when no import arrives, then builds it again', async () => {
    await importLines(FIRST_COUNT);
    await get('/dashboard/api/audit');
    // A change no import announces: MUG-RED moves to its own category.
    await t.storage.db
      .updateTable('items')
      .set({ category: 'red' })
      .where('id', '=', 'item-1')
      .execute();
    const categories = async () =>
      (await get<{ categories: { category: string }[] }>('/dashboard/api/audit')).categories
        .map((c) => c.category)
        .sort();

    t.clock.advance(59_000);
    expect(await categories()).toEqual(['mugs', 'tees']);
    t.clock.advance(1_000);
    expect(await categories()).toEqual(['mugs', 'red', 'tees']);
  });

  it('still shows the overview, without drift, when the audit cannot be built', async () => {
    await sql`drop table count_lines`.execute(t.storage.db);

    const overview = await get<{ stores: unknown[]; drift: unknown }>('/dashboard/api/overview');

    expect(overview.stores.length).toBe(3);
    expect(overview.drift).toBeNull();
  });

  it('needs a signed-in session', async () => {
    const reply = await t.server.inject({ method: 'GET', url: '/dashboard/api/audit' });

    expect(reply.statusCode).toBe(401);
  });
});
