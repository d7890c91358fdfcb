import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleSandbox } from '../../../src/sandbox/google/start-google-sandbox.js';
import type { GoogleSandbox } from '../../../src/sandbox/google/start-google-sandbox.js';

const product = { contentLanguage: 'en', feedLabel: 'US', offerId: 'sku/123' };
// base64url('en~US~sku/123'), worked out by hand in the channel's product-id test.
const encoded = 'ZW5-VVN-c2t1LzEyMw';

describe('the Google sandbox', () => {
  let sandbox: GoogleSandbox;
  const base = () => `${sandbox.url}/inventories/v1/accounts/42/products`;

  async function call(method: string, path: string, body?: unknown, token = sandbox.accessToken) {
    const response = await fetch(`${base()}/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    sandbox = await startGoogleSandbox();
    sandbox.store.addProduct('42', { ...product, destinations: ['LOCAL_INVENTORY_ADS'] });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('listens on loopback on an ephemeral port', () => {
    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
    expect(sandbox.port).toBeGreaterThan(0);
  });

  it('accepts enum names and int64 numbers, and answers in names without enum-encoding=int', async () => {
    const body = {
      storeCode: 'S1',
      localInventoryAttributes: {
        availability: 'LIMITED_AVAILABILITY',
        quantity: 2,
        pickupMethod: 'NOT_SUPPORTED',
      },
    };

    const answer = await call('POST', `${encoded}/localInventories:insert`, body);

    expect(answer).toEqual({
      status: 200,
      body: {
        name: `accounts/42/products/${encoded}/localInventories/S1`,
        account: '42',
        storeCode: 'S1',
        localInventoryAttributes: {
          availability: 'LIMITED_AVAILABILITY',
          quantity: '2',
          pickupMethod: 'NOT_SUPPORTED',
        },
      },
    });
  });

  it('accepts numeric enums and answers in numbers when asked for enum-encoding=int', async () => {
    const body = {
      storeCode: 'S2',
      localInventoryAttributes: { availability: 4, quantity: '0', pickupMethod: 3, pickupSla: 9 },
    };

    const answer = await call(
      'POST',
      `en~US~sku%2F123/localInventories:insert?$alt=json%3Benum-encoding=int`,
      body,
    );

    expect(answer.status).toBe(200);
    expect(answer.body['localInventoryAttributes']).toEqual({
      availability: 4,
      quantity: '0',
      pickupMethod: 3,
      pickupSla: 9,
    });
    expect(sandbox.store.inventory('42', product, 'S2')?.localInventoryAttributes).toEqual({
      availability: 'OUT_OF_STOCK',
      quantity: '0',
      pickupMethod: 'SHIP_TO_STORE',
      pickupSla: 'MULTI_WEEK',
    });
  });

  it('lists in pages and deletes one store', async () => {
    const first = await call('GET', `${encoded}/localInventories?pageSize=1`);
    expect(
      (first.body['localInventories'] as { storeCode: string }[]).map((r) => r.storeCode),
    ).toEqual(['S1']);
    const token = String(first.body['nextPageToken']);
    const second = await call('GET', `${encoded}/localInventories?pageSize=1&pageToken=${token}`);
    expect(
      (second.body['localInventories'] as { storeCode: string }[]).map((r) => r.storeCode),
    ).toEqual(['S2']);
    expect(second.body).not.toHaveProperty('nextPageToken');

    expect(await call('DELETE', `${encoded}/localInventories/S2`)).toEqual({
      status: 200,
      body: {},
    });
    expect((await call('DELETE', `${encoded}/localInventories/S2`)).status).toBe(404);
  });

  it('refuses an unknown enum, an unknown field and a negative quantity with AIP-193 bodies', async () => {
    const badEnum = await call('POST', `${encoded}/localInventories:insert`, {
      storeCode: 'S1',
      localInventoryAttributes: { availability: 'in_stock' },
    });
    expect(badEnum.status).toBe(400);
    expect(badEnum.body).toMatchObject({
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            metadata: {
              REASON: 'SANDBOX_INVALID_FIELD',
              FIELD_LOCATION: 'local_inventory.local_inventory_attributes.availability',
              FIELD_VALUE: '"in_stock"',
            },
          },
        ],
      },
    });

    const unknownField = await call('POST', `${encoded}/localInventories:insert`, {
      storeCode: 'S1',
      localInventoryAttributes: { stock: 3 },
    });
    expect(unknownField.status).toBe(400);
    expect(String((unknownField.body['error'] as { message: string }).message)).toContain(
      'unknown name "stock"',
    );

    const negative = await call('POST', `${encoded}/localInventories:insert`, {
      storeCode: 'S1',
      localInventoryAttributes: { quantity: '-1' },
    });
    expect(negative.status).toBe(400);

    const long = await call('POST', `${encoded}/localInventories:insert`, {
      storeCode: 'S1',
      localInventoryAttributes: { instoreProductLocation: 'x'.repeat(21) },
    });
    expect(long.status).toBe(400);

    const noStore = await call('POST', `${encoded}/localInventories:insert`, {
      localInventoryAttributes: {},
    });
    expect(noStore.status).toBe(400);
  });

  it('answers 404 with a REASON for a product Merchant Center does not have', async () => {
    const answer = await call('POST', 'en~US~ghost/localInventories:insert', { storeCode: 'S1' });

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({
      error: {
        code: 404,
        status: 'NOT_FOUND',
        details: [
          {
            reason: 'SANDBOX_PRODUCT_NOT_FOUND',
            metadata: { REASON: 'SANDBOX_PRODUCT_NOT_FOUND' },
          },
        ],
      },
    });
  });

  it('refuses an account id that is not a number', async () => {
    const response = await fetch(
      `${sandbox.url}/inventories/v1/accounts/abc/products/${encoded}/localInventories`,
      {
        headers: { authorization: `Bearer ${sandbox.accessToken}` },
      },
    );
    const body = (await response.json()) as {
      error: { details: { metadata: { REASON: string } }[] };
    };
    expect(response.status).toBe(400);
    expect(body.error.details[0]?.metadata.REASON).toBe('INVALID_NAME_PART_NOT_NUMBER');
  });

  it('checks the bearer token and never keeps it', async () => {
    const answer = await call('GET', `${encoded}/localInventories`, undefined, 'wrong');

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: { status: 'UNAUTHENTICATED' } });
    expect(JSON.stringify(sandbox.store.requests)).not.toContain(sandbox.accessToken);
  });

  it('fails the next requests with the quota error or outage asked for, then recovers', async () => {
    sandbox.store.failNext(2, { httpStatus: 429 });
    sandbox.store.failNext(1, { httpStatus: 503 });

    const statuses = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await call('GET', `${encoded}/localInventories`)).status);

    expect(statuses).toEqual([429, 429, 503, 200]);
    const quota = sandbox.store.requests.at(-4)?.status;
    expect(quota).toBe(429);
  });

  it('says quota/request_rate_too_high in a 429', async () => {
    sandbox.store.failNext(1, { httpStatus: 429 });
    const answer = await call('GET', `${encoded}/localInventories`);
    expect(answer.body).toMatchObject({
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        details: [{ metadata: { REASON: 'quota/request_rate_too_high' } }],
      },
    });
  });
});
