import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../../src/sources/shopify/verify-webhook-signature.js';
import {
  deliveryHeaders,
  NOW,
  PREVIOUS_WEBHOOK_SECRET,
  SHOP,
  startTestServer,
} from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';

const LEVEL_UPDATE =
  '{"inventory_item_id":271878346596884015,"location_id":24826418,"available":6,"updated_at":"2026-05-04T05:59:58-04:00"}';

describe('POST /webhooks/shopify', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  async function storedDeliveries() {
    return t.storage.db.selectFrom('deliveries').selectAll().orderBy('received_at').execute();
  }

  async function deliveriesCounter(topic: string, outcome: string): Promise<number> {
    const metric = await t.metrics.deliveries.get();
    const value = metric.values.find(
      (v) => v.labels['topic'] === topic && v.labels['outcome'] === outcome,
    );
    return value?.value ?? 0;
  }

  it('stores a signed delivery raw with its headers and answers 200 {"ok":true}', async () => {
    const response = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: deliveryHeaders(LEVEL_UPDATE),
      payload: LEVEL_UPDATE,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    const [row, ...others] = await storedDeliveries();
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({
      shop: SHOP,
      topic: 'inventory_levels/update',
      webhook_id: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      event_id: '98880550-7158-44d4-b7cd-2c97c8a091b5',
      triggered_at: '2026-05-04T09:59:58.120Z',
      api_version: '2026-04',
      received_at: NOW,
      status: 'pending',
      // The id beyond 2^53 survives because the body is kept as the bytes Shopify sent.
      body: LEVEL_UPDATE,
    });
    expect(t.wakes.inbox).toBe(1);
    expect(await deliveriesCounter('inventory_levels/update', 'stored')).toBe(1);
  });

  it('accepts a delivery signed with the previous secret during a rotation', async () => {
    const response = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: deliveryHeaders(LEVEL_UPDATE, { secret: PREVIOUS_WEBHOOK_SECRET }),
      payload: LEVEL_UPDATE,
    });

    expect(response.statusCode).toBe(200);
    expect(await storedDeliveries()).toHaveLength(1);
  });

  it('refuses an unsigned delivery with 401 and stores nothing', async () => {
    const headers = deliveryHeaders(LEVEL_UPDATE);
    delete headers['x-shopify-hmac-sha256'];

    const response = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers,
      payload: LEVEL_UPDATE,
    });

    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      error: { code: 'invalid_signature', details: { seen: 'nothing' } },
    });
    expect(await storedDeliveries()).toHaveLength(0);
    expect(t.wakes.inbox).toBe(0);
    expect(await deliveriesCounter('unverified', 'rejected')).toBe(1);
  });

  it('refuses a delivery signed with an unknown secret, and one whose body was changed', async () => {
    const wrongKey = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: deliveryHeaders(LEVEL_UPDATE, { secret: 'not-the-app-secret' }),
      payload: LEVEL_UPDATE,
    });
    const tampered = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: deliveryHeaders(LEVEL_UPDATE),
      payload: LEVEL_UPDATE.replace('"available":6', '"available":60'),
    });

    expect(wrongKey.statusCode).toBe(401);
    expect(tampered.statusCode).toBe(401);
    expect(await storedDeliveries()).toHaveLength(0);
  });

  it('verifies the exact bytes, so re-serialised JSON with other spacing would not match', async () => {
    const spaced = '{ "inventory_item_id": 1,  "available": 6 }';
    const response = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: deliveryHeaders(spaced),
      payload: spaced,
    });

    expect(response.statusCode).toBe(200);
    const [row] = await storedDeliveries();
    expect(row?.body).toBe(spaced);
  });

  it('reads Shopify headers whatever their case', async () => {
    const headers = Object.fromEntries(
      Object.entries(deliveryHeaders(LEVEL_UPDATE)).map(([name, value]) => [
        name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase()),
        value,
      ]),
    );
    expect(headers['X-Shopify-Hmac-Sha256']).toBeDefined();

    const response = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers,
      payload: LEVEL_UPDATE,
    });

    expect(response.statusCode).toBe(200);
    const [row] = await storedDeliveries();
    expect(row?.topic).toBe('inventory_levels/update');
  });

  it('stores three copies of one delivery arriving at once as one row', async () => {
    const send = () =>
      t.server.inject({
        method: 'POST',
        url: '/webhooks/shopify',
        headers: deliveryHeaders(LEVEL_UPDATE),
        payload: LEVEL_UPDATE,
      });

    const responses = await Promise.all([send(), send(), send()]);

    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(await storedDeliveries()).toHaveLength(1);
    expect(await deliveriesCounter('inventory_levels/update', 'stored')).toBe(1);
    expect(await deliveriesCounter('inventory_levels/update', 'duplicate')).toBe(2);
  });

  it('stores a signed body that is not JSON and still answers 200', async () => {
    const garbage = 'not json at all {';
    const response = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: deliveryHeaders(garbage, { topic: 'orders/create' }),
      payload: garbage,
    });

    expect(response.statusCode).toBe(200);
    const [row] = await storedDeliveries();
    expect(row).toMatchObject({ topic: 'orders/create', body: garbage, status: 'pending' });
  });

  it('stores a signed delivery without topic or webhook id, and a redelivery of it only once', async () => {
    const headers = deliveryHeaders(LEVEL_UPDATE);
    delete headers['x-shopify-topic'];
    delete headers['x-shopify-webhook-id'];
    const send = () =>
      t.server.inject({ method: 'POST', url: '/webhooks/shopify', headers, payload: LEVEL_UPDATE });

    const first = await send();
    const retry = await send();

    expect([first.statusCode, retry.statusCode]).toEqual([200, 200]);
    const rows = await storedDeliveries();
    expect(rows).toHaveLength(1);
    const expectedId = createHash('sha256')
      .update(`${LEVEL_UPDATE}\n2026-05-04T09:59:58.120Z`)
      .digest('hex');
    expect(rows[0]).toMatchObject({ topic: 'unknown', webhook_id: `synthetic-${expectedId}` });
  });

  it('stores a signed delivery that came without a content type', async () => {
    const headers = deliveryHeaders(LEVEL_UPDATE);
    delete headers['content-type'];

    const response = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers,
      payload: Buffer.from(LEVEL_UPDATE),
    });

    expect(response.statusCode).toBe(200);
    expect(await storedDeliveries()).toHaveLength(1);
  });

  it('stores a signed delivery whose Content-Type is malformed rather than answering 415', async () => {
    const headers = { ...deliveryHeaders(LEVEL_UPDATE), 'content-type': 'json, please' };

    const response = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers,
      payload: LEVEL_UPDATE,
    });

    expect(response.statusCode).toBe(200);
    const [row] = await storedDeliveries();
    expect(row).toMatchObject({ topic: 'inventory_levels/update', body: LEVEL_UPDATE });
  });

  it('refuses a body over the configured limit with 413 payload_too_large', async () => {
    // The test server's limit is 4096 bytes.
    const big = JSON.stringify({ note: 'x'.repeat(5000) });
    const response = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: deliveryHeaders(big),
      payload: big,
    });

    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      error: { code: 'payload_too_large', details: { limitBytes: 4096 } },
    });
    expect(await storedDeliveries()).toHaveLength(0);
  });

  it('answers 503 storage_failure when the delivery cannot be stored, so Shopify retries', async () => {
    await t.storage.close();

    const response = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers: deliveryHeaders(LEVEL_UPDATE),
      payload: LEVEL_UPDATE,
    });

    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ error: { code: 'storage_failure' } });
    expect(t.wakes.inbox).toBe(0);
  });

  it('signs with the standard HMAC, so a hand-computed signature is accepted', async () => {
    const body = '{"id":1}';
    const byHand = signWebhookBody(body, 'whsec-current-4f1c9a7e2b');
    const headers = { ...deliveryHeaders(body), 'x-shopify-hmac-sha256': byHand };

    const response = await t.server.inject({
      method: 'POST',
      url: '/webhooks/shopify',
      headers,
      payload: body,
    });

    expect(response.statusCode).toBe(200);
  });
});
