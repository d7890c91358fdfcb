import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedLevel } from '../../engine/holds/hold-fixture.js';
import { bearer, startTestServer, TOKENS } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';

// The test server's clock stands at 2026-05-04T10:00:00.000Z.
describe('/v1/holds', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
    await seedLevel(t.storage, { item: 'tee', sku: 'TEE-M', location: 'queen-st', available: 3 });
  });
  afterEach(async () => t.close());

  const body = (quantity: number, cartId = 'cart-1') => ({
    cartId,
    lines: [{ sku: 'TEE-M', location: 'queen-st', quantity }],
  });
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.server.inject({
      method: 'POST',
      url,
      headers: { ...bearer(TOKENS.write), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const hold = (payload: unknown, key = 'key-1') =>
    post('/v1/holds', payload, { 'idempotency-key': key });

  it('answers 201 with the hold', async () => {
    const response = await hold(body(2));

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      cartId: 'cart-1',
      status: 'active',
      expiresAt: '2026-05-04T10:10:00.000Z',
      lines: [{ item: 'tee', sku: 'TEE-M', location: 'queen-st', quantity: 2 }],
    });
    expect(t.wakes.outbox).toBe(1);
  });

  it('answers the same hold again for the same key and body, marked as a replay', async () => {
    const first = await hold(body(2), 'key-same');
    const again = await hold({ lines: body(2).lines, cartId: 'cart-1' }, 'key-same');

    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
  });

  it('answers 422 for the same key with another body', async () => {
    await hold(body(2), 'key-reused');
    const response = await hold(body(1), 'key-reused');

    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'idempotency_mismatch',
      details: { header: 'Idempotency-Key' },
    });
  });

  it('answers 409 insufficient_stock naming the short line and what is sellable', async () => {
    await hold(body(2, 'cart-1'), 'key-a');
    const response = await hold(body(2, 'cart-2'), 'key-b');

    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'insufficient_stock',
      details: { lines: [{ item: 'tee', location: 'queen-st', requested: 2, sellable: 1 }] },
    });
    const sku = response.json().error.details.lines[0].sku as string;
    expect(response.json().error.message).toBe(
      `${sku} (item tee) at queen-st: 2 asked, 1 sellable`,
    );
  });

  it('requires an Idempotency-Key', async () => {
    const response = await post('/v1/holds', body(1));

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'invalid_request',
      details: { header: 'Idempotency-Key' },
    });
  });

  it('refuses a quantity that is not a positive whole number, naming the field', async () => {
    for (const quantity of [0, -1, 1.5, '2']) {
      const response = await hold({
        cartId: 'c',
        lines: [{ sku: 'TEE-M', location: 'queen-st', quantity }],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details).toMatchObject({
        field: 'lines.0.quantity',
        seen: quantity,
      });
    }
  });

  it('refuses a line with both item and sku, or neither', async () => {
    const both = await hold({
      cartId: 'c',
      lines: [{ item: 'tee', sku: 'TEE-M', location: 'queen-st', quantity: 1 }],
    });
    const neither = await hold({ cartId: 'c', lines: [{ location: 'queen-st', quantity: 1 }] });

    expect([both.statusCode, neither.statusCode]).toEqual([400, 400]);
    expect(neither.json().error.details.expected).toBe('exactly one of item or sku');
  });

  it('answers 404 for an unknown SKU or location', async () => {
    const sku = await hold(
      { cartId: 'c', lines: [{ sku: 'NOPE', location: 'queen-st', quantity: 1 }] },
      'k1',
    );
    const location = await hold(
      { cartId: 'c', lines: [{ sku: 'TEE-M', location: 'nowhere', quantity: 1 }] },
      'k2',
    );

    expect([sku.statusCode, sku.json().error.code]).toEqual([404, 'unknown_item']);
    expect([location.statusCode, location.json().error.code]).toEqual([404, 'unknown_location']);
  });

  it('answers 409 ambiguous_sku for a SKU two items share', async () => {
    await seedLevel(t.storage, { item: 'tee-b', sku: 'TEE-M', location: 'queen-st', available: 1 });
    const response = await hold(body(1));

    expect([response.statusCode, response.json().error.code]).toEqual([409, 'ambiguous_sku']);
  });

  it('needs write scope to hold and read scope to look', async () => {
    const placed = await hold(body(1));
    const byReader = await t.server.inject({
      method: 'POST',
      url: '/v1/holds',
      headers: { ...bearer(TOKENS.read), 'idempotency-key': 'k-r' },
      payload: body(1),
    });
    const read = await t.server.inject({
      method: 'GET',
      url: `/v1/holds/${placed.json().id}`,
      headers: bearer(TOKENS.read),
    });

    expect(byReader.statusCode).toBe(403);
    expect(read.statusCode).toBe(200);
    expect(read.json().id).toBe(placed.json().id);
  });

  it('lists holds by cart and by location', async () => {
    await hold(body(1, 'cart-1'), 'k1');
    t.clock.advance(1000);
    await hold(body(1, 'cart-2'), 'k2');
    const list = (query: string) =>
      t.server.inject({ method: 'GET', url: `/v1/holds?${query}`, headers: bearer(TOKENS.read) });

    expect(
      (await list('cart=cart-1')).json().holds.map((h: { cartId: string }) => h.cartId),
    ).toEqual(['cart-1']);
    const page = await list('location=queen-st&limit=1');
    expect(page.json().holds.map((h: { cartId: string }) => h.cartId)).toEqual(['cart-2']);
    const next = await list(`location=queen-st&limit=1&cursor=${page.json().nextCursor}`);
    expect(next.json()).toMatchObject({ holds: [{ cartId: 'cart-1' }], nextCursor: null });
  });

  it('extends, checks out, converts and releases through their routes', async () => {
    const id = (await hold(body(1))).json().id as string;

    const extended = await post(`/v1/holds/${id}/extend`, { ttlSeconds: 1200 });
    expect(extended.json()).toMatchObject({
      status: 'active',
      expiresAt: '2026-05-04T10:20:00.000Z',
    });
    const checkout = await post(`/v1/holds/${id}/checkout`, undefined);
    expect(checkout.json()).toMatchObject({
      status: 'checkout',
      graceUntil: '2026-05-04T10:02:00.000Z',
    });
    const converted = await post(`/v1/holds/${id}/convert`, { orderId: '6100000000001' });
    expect(converted.json()).toMatchObject({ status: 'converted', orderId: '6100000000001' });
    const released = await post(`/v1/holds/${id}/release`, undefined);
    expect([released.statusCode, released.json().error.code]).toEqual([409, 'conflict']);
  });

  it('answers 404 for a hold that does not exist, and releases twice as a no-op', async () => {
    const missing = await post('/v1/holds/nope/release', undefined);
    const id = (await hold(body(1))).json().id as string;
    const first = await post(`/v1/holds/${id}/release`, undefined);
    const second = await post(`/v1/holds/${id}/release`, undefined);

    expect(missing.statusCode).toBe(404);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(second.json().status).toBe('released');
  });

  it('refuses an extend with no body, naming ttlSeconds and the range it takes', async () => {
    const id = (await hold(body(1))).json().id as string;

    const response = await post(`/v1/holds/${id}/extend`, undefined);

    expect(response.statusCode).toBe(400);
    // The default policy's longest hold is 3600 s (holds.maxTtlSeconds).
    const expected = 'ttlSeconds, an integer from 1 to 3600 (the hold policy maximum)';
    expect(response.json()).toEqual({
      error: {
        code: 'invalid_request',
        message: `body is missing; expected a JSON object with ${expected}`,
        details: {
          field: 'ttlSeconds',
          seen: null,
          expected,
          problems: [{ field: 'ttlSeconds', seen: null, expected }],
        },
      },
    });
  });

  it('refuses an extend whose body is a list or a number, not an object', async () => {
    const id = (await hold(body(1))).json().id as string;
    const expected = 'ttlSeconds, an integer from 1 to 3600 (the hold policy maximum)';

    const list = await post(`/v1/holds/${id}/extend`, [600]);
    const number = await post(`/v1/holds/${id}/extend`, 600);

    expect([list.statusCode, number.statusCode]).toEqual([400, 400]);
    expect(list.json().error.message).toBe(
      `body is a list of 1; expected a JSON object with ${expected}`,
    );
    expect(number.json().error.message).toBe(
      `body is 600; expected a JSON object with ${expected}`,
    );
  });

  it('refuses an extend whose ttlSeconds is missing or not a whole number, with the same wording', async () => {
    const id = (await hold(body(1))).json().id as string;
    const expected = 'ttlSeconds, an integer from 1 to 3600 (the hold policy maximum)';

    for (const [payload, seen, shown] of [
      [{}, null, 'missing'],
      [{ ttlSeconds: 0 }, 0, '0'],
      [{ ttlSeconds: 1.5 }, 1.5, '1.5'],
      [{ ttlSeconds: '600' }, '600', '"600"'],
    ] as const) {
      const response = await post(`/v1/holds/${id}/extend`, payload);

      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'invalid_request',
        message: `body field ttlSeconds is ${shown}; expected ${expected}`,
        details: { field: 'ttlSeconds', seen, expected },
      });
    }
  });

  it('refuses a TTL above the policy maximum', async () => {
    const response = await hold({ ...body(1), ttlSeconds: 3601 });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toMatchObject({ field: 'ttlSeconds', seen: 3601 });
  });
});
