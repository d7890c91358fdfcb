import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../src/http/openapi-document.js';
import { attributionReportQuery } from '../../../src/http/v1/attribution-report-route.js';
import { attributionDb } from '../../../src/engine/attribution/attribution-database.js';
import { startTestServer, TOKENS } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';

describe('GET /v1/reports/attribution', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    // One e-commerce sale of $12.34 on 3 May, UTC (e-commerce's default zone).
    await attributionDb(t.storage.db)
      .insertInto('attribution_entries')
      .values({
        id: 'e1',
        entry_key: 'sale|ecommerce|sale|9|L1|3/SHIPPING',
        order_id: '9',
        order_name: '#1009',
        cause: 'sale',
        cause_ref: '9',
        line_item_id: 'L1',
        class: 'online_ship_from_warehouse',
        channel: 'online',
        credit: 'sale',
        party: 'ecommerce',
        party_ref: null,
        selling_handle: null,
        fulfilling_handle: 'warehouse',
        staff_id: null,
        day_handle: null,
        amount_minor: 1234,
        currency: 'USD',
        presentment_amount_minor: 1234,
        presentment_currency: 'USD',
        occurred_at: '2026-05-03T12:00:00.000Z',
        recorded_at: '2026-05-03T12:00:01.000Z',
      })
      .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (query: string, token: string = TOKENS.read) =>
    t.server.inject({
      method: 'GET',
      url: `/v1/reports/attribution?${query}`,
      headers: { authorization: `Bearer ${token}` },
    });

  it('answers JSON with a read token', async () => {
    const response = await get('from=2026-05-03&to=2026-05-03');
    expect(response.statusCode).toBe(200);
    expect(response.json().stores).toEqual([
      expect.objectContaining({ store: 'ecommerce', saleCredit: 1234, currency: 'USD' }),
    ]);
  });

  it('answers CSV and HTML on request', async () => {
    const csv = await get('from=2026-05-03&to=2026-05-03&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(
      '2026-05-03,ecommerce,UTC,online,online_ship_from_warehouse,sale,ecommerce,,USD,12.34,0.00,1',
    );
    const html = await get('from=2026-05-03&to=2026-05-03&format=html');
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<svg ');
  });

  it('refuses a missing or malformed day with 400 naming it', async () => {
    const response = await get('from=2026-5-3&to=2026-05-03');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code ?? response.json().code).toBe('invalid_request');
    expect(response.body).toContain('from');
  });

  it('needs a token', async () => {
    const response = await t.server.inject({
      method: 'GET',
      url: '/v1/reports/attribution?from=2026-05-03&to=2026-05-03',
    });
    expect(response.statusCode).toBe(401);
  });

  it('is in the OpenAPI document with exactly its query parameters', () => {
    const documented = (openApiDocument.paths['/v1/reports/attribution']?.get?.parameters ?? [])
      .filter((p) => p.in === 'query')
      .map((p) => p.name)
      .sort();
    expect(documented).toEqual(Object.keys(attributionReportQuery.shape).sort());
  });
});
