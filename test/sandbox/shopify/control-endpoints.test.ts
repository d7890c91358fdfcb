import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness } from './sandbox-harness.js';
import type { Harness } from './sandbox-harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  await h.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${h.sandbox.url}/_sandbox${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the control endpoints', () => {
  it('set up a shop, ring up a sale and report the level, as the store methods do', async () => {
    const location = await call('POST', '/locations', {
      name: 'Store A',
      pickup: { pickupTime: 'ONE_HOUR', instructions: 'Desk at the back' },
    });
    expect(location.status).toBe(201);
    const locationId = String(location.body.id);

    const product = await call('POST', '/products', {
      title: 'Tee',
      variants: [{ sku: 'TEE-M', price: '25' }],
    });
    const itemId = String(
      (product.body.variants as Array<Record<string, unknown>>)[0]?.inventoryItemId,
    );
    await call('POST', '/levels/connect', { inventoryItemId: itemId, locationId, available: 3 });
    await call('POST', '/quantities/set', {
      inventoryItemId: itemId,
      locationId,
      name: 'safety_stock',
      quantity: 1,
    });

    const sale = await call('POST', '/pos-sales', {
      location: locationId,
      lines: [{ sku: 'TEE-M', quantity: 1 }],
    });
    expect(sale.status).toBe(201);

    const level = await call('GET', `/levels/${itemId}/${locationId}`);
    expect(level.body.quantities).toMatchObject({ available: 2, safety_stock: 1, on_hand: 3 });

    const reply = await h.gql(
      `{ location(id: "gid://shopify/Location/${locationId}") { localPickupSettingsV2 { pickupTime instructions } } }`,
    );
    expect(reply.body.data?.location).toEqual({
      localPickupSettingsV2: { pickupTime: 'ONE_HOUR', instructions: 'Desk at the back' },
    });

    const idle = await call('POST', '/webhooks/idle');
    expect(idle.body.sentCount).toBe(h.receiver.deliveries.length);
  });

  it('answers a malformed body with 422 and an unknown record with 404', async () => {
    expect((await call('POST', '/pos-sales', { location: 'x', lines: [] })).status).toBe(422);
    const unknown = await call('POST', '/pos-sales', {
      location: '9007199254740993',
      lines: [{ sku: 'NOPE', quantity: 1 }],
    });
    expect(unknown).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });

  it('injects API and webhook faults', async () => {
    expect((await call('POST', '/api/faults', { kind: 'http_503', count: 2 })).body).toEqual({
      pending: 2,
    });
    expect((await h.gql('{ shop { name } }')).status).toBe(503);
    expect((await call('DELETE', '/api/faults')).body).toEqual({ pending: 0 });
    expect((await h.gql('{ shop { name } }')).status).toBe(200);

    await call('POST', '/webhooks/faults', { drop: { count: 1 } });
    await call('POST', '/locations', { name: 'Quiet' });
    await call('POST', '/webhooks/idle');
    expect(h.receiver.deliveries).toHaveLength(0);
    const log = await call('GET', '/webhooks');
    expect(
      (log.body.deliveries as Array<Record<string, unknown>>).map((d) => [d.topic, d.status]),
    ).toEqual([['locations/create', 'dropped']]);
  });
});
