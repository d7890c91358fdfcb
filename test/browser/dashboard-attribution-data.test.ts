import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, TOKENS } from '../http/http-test-context.js';
import type { TestServer } from '../http/http-test-context.js';

// The attribution call over an empty ledger, with the test server's clock fixed at
// 2026-05-04T10:00Z: the default range is the 7 days up to 2026-05-04 in UTC.
describe('the dashboard attribution call', () => {
  let t: TestServer;
  let cookie: string;

  beforeEach(async () => {
    t = await startTestServer();
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

  const get = (url: string) => t.server.inject({ method: 'GET', url, headers: { cookie } });

  it('shows the last week up to today when no range is named', async () => {
    const reply = await get('/dashboard/api/attribution');

    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({
      enabled: true,
      from: '2026-04-28',
      to: '2026-05-04',
      currencies: [],
      stores: [],
      days: [],
    });
  });

  it('takes the range it is given, and refuses a day that is not one, naming it', async () => {
    const good = await get('/dashboard/api/attribution?from=2026-05-01&to=2026-05-02');
    const bad = await get('/dashboard/api/attribution?from=2026-02-30&to=2026-03-02');

    expect(good.json()).toMatchObject({ from: '2026-05-01', to: '2026-05-02' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('2026-02-30');
  });

  it('says attribution is not enabled when its tables cannot be read', async () => {
    await sql`drop table attribution_entries`.execute(t.storage.db);

    const reply = await get('/dashboard/api/attribution');

    expect(reply.json()).toEqual({
      enabled: false,
      reason: 'attribution is not enabled on this database',
    });
  });
});
