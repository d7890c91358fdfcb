import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveryHeaders, startTestServer } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';
import { seedRows } from '../v1/seed-rows.js';

describe('operations routes', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('GET /healthz answers ok without a token when the database answers', async () => {
    const response = await t.server.inject({ method: 'GET', url: '/healthz' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('GET /healthz answers 503 when the database does not', async () => {
    await t.storage.close();

    const response = await t.server.inject({ method: 'GET', url: '/healthz' });

    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', db: 'failing' });
  });

  it('GET /metrics counts deliveries by topic and outcome', async () => {
    const body = '{"inventory_item_id":1}';
    const send = (headers: Record<string, string>) =>
      t.server.inject({ method: 'POST', url: '/webhooks/shopify', headers, payload: body });
    await send(deliveryHeaders(body));
    await send(deliveryHeaders(body));
    await send({ ...deliveryHeaders(body), 'x-shopify-hmac-sha256': 'AAAA' });

    const response = await t.server.inject({ method: 'GET', url: '/metrics' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const lines = response.body.split('\n');
    expect(lines).toContain(
      'trueshelf_deliveries_total{topic="inventory_levels/update",outcome="stored"} 1',
    );
    expect(lines).toContain(
      'trueshelf_deliveries_total{topic="inventory_levels/update",outcome="duplicate"} 1',
    );
    expect(lines).toContain('trueshelf_deliveries_total{topic="unverified",outcome="rejected"} 1');
  });

  it('GET /metrics reads the outbox depth from the table at scrape time', async () => {
    const seed = seedRows(t.storage);
    await seed.outbox({ channel: 'shopify', item_id: 'a', location_handle: 'queen-st' });
    await seed.outbox({ channel: 'shopify', item_id: 'b', location_handle: 'queen-st' });
    await seed.outbox({
      channel: 'google',
      item_id: 'a',
      location_handle: 'queen-st',
      status: 'parked',
    });
    await seed.outbox({
      channel: 'google',
      item_id: 'b',
      location_handle: 'queen-st',
      status: 'sent',
    });

    const first = (await t.server.inject({ method: 'GET', url: '/metrics' })).body.split('\n');
    await t.storage.db.deleteFrom('outbox').where('item_id', '=', 'b').execute();
    const second = (await t.server.inject({ method: 'GET', url: '/metrics' })).body.split('\n');

    const depth = (lines: string[]) =>
      lines.filter((l) => l.startsWith('trueshelf_outbox_depth{')).sort();
    expect(depth(first)).toEqual([
      'trueshelf_outbox_depth{channel="google",status="parked"} 1',
      'trueshelf_outbox_depth{channel="shopify",status="pending"} 2',
    ]);
    expect(depth(second)).toEqual([
      'trueshelf_outbox_depth{channel="google",status="parked"} 1',
      'trueshelf_outbox_depth{channel="shopify",status="pending"} 1',
    ]);
  });
});
