import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, startTestServer, TOKENS } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';
import { seedRows } from './seed-rows.js';

describe('/v1/deliveries', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
    const seed = seedRows(t.storage);
    await seed.delivery({
      id: 'd-1',
      topic: 'orders/create',
      webhook_id: 'wh-1',
      event_id: 'ev-1',
      triggered_at: '2026-05-04T08:00:00.000Z',
      api_version: '2026-04',
      received_at: '2026-05-04T08:00:00.300Z',
      status: 'unprocessable',
      error: 'body is not JSON',
      attempts: 1,
      body: 'not json',
    });
    await seed.delivery({
      id: 'd-2',
      topic: 'inventory_levels/update',
      received_at: '2026-05-04T09:00:00.000Z',
      status: 'applied',
      outcome: 'reread',
      attempts: 1,
      processed_at: '2026-05-04T09:00:00.050Z',
    });
    await seed.delivery({ id: 'd-3', received_at: '2026-05-04T09:30:00.000Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  async function get(query: string) {
    return t.server.inject({
      method: 'GET',
      url: `/v1/deliveries${query}`,
      headers: bearer(TOKENS.read),
    });
  }

  function replay(id: string) {
    return t.server.inject({
      method: 'POST',
      url: `/v1/deliveries/${id}/replay`,
      headers: bearer(TOKENS.admin),
    });
  }

  it('lists deliveries newest first, without their bodies', async () => {
    const body = (await get('')).json<{ deliveries: { id: string }[] }>();

    expect(body.deliveries.map((d) => d.id)).toEqual(['d-3', 'd-2', 'd-1']);
    expect(body.deliveries[0]).not.toHaveProperty('body');
  });

  it('lists the unprocessable ones with why', async () => {
    const response = await get('?status=unprocessable');

    expect(response.json()).toEqual({
      deliveries: [
        {
          id: 'd-1',
          shop: 'north-shelf.myshopify.com',
          topic: 'orders/create',
          webhookId: 'wh-1',
          eventId: 'ev-1',
          triggeredAt: '2026-05-04T08:00:00.000Z',
          apiVersion: '2026-04',
          receivedAt: '2026-05-04T08:00:00.300Z',
          status: 'unprocessable',
          outcome: null,
          error: 'body is not JSON',
          attempts: 1,
          processedAt: null,
        },
      ],
      nextCursor: null,
    });
  });

  it('refuses a status that is not one of the four, saying which are', async () => {
    const response = await get('?status=parked');

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: {
        code: 'invalid_request',
        details: {
          parameter: 'status',
          seen: 'parked',
          expected: 'one of unprocessable, pending, applied, ignored',
        },
      },
    });
  });

  it('pages newest first with a cursor', async () => {
    const first = (await get('?limit=2')).json<{
      deliveries: { id: string }[];
      nextCursor: string;
    }>();
    const second = (await get(`?limit=2&cursor=${first.nextCursor}`)).json<{
      deliveries: { id: string }[];
    }>();

    expect(first.deliveries.map((d) => d.id)).toEqual(['d-3', 'd-2']);
    expect(second.deliveries.map((d) => d.id)).toEqual(['d-1']);
  });

  it('hands an unprocessable delivery back as pending with its error cleared, and wakes the inbox', async () => {
    const response = await replay('d-1');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      delivery: { id: 'd-1', status: 'pending', error: null },
    });
    const row = await t.storage.db
      .selectFrom('deliveries')
      .select(['status', 'error', 'body'])
      .where('id', '=', 'd-1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', error: null, body: 'not json' });
    expect(t.wakes.inbox).toBe(1);
  });

  it('answers 409 not_replayable for a delivery that is not unprocessable, changing nothing', async () => {
    const response = await replay('d-2');

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      error: { code: 'not_replayable', details: { seen: 'applied', expected: 'unprocessable' } },
    });
    const row = await t.storage.db
      .selectFrom('deliveries')
      .select('status')
      .where('id', '=', 'd-2')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('applied');
    expect(t.wakes.inbox).toBe(0);
  });

  it('replays once when two replays of one delivery arrive together', async () => {
    const statuses = (await Promise.all([replay('d-1'), replay('d-1')])).map((r) => r.statusCode);

    expect(statuses.sort()).toEqual([200, 409]);
    expect(t.wakes.inbox).toBe(1);
  });
});
