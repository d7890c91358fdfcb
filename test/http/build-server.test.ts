import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, deliveryHeaders, startTestServer, TOKENS } from './http-test-context.js';
import type { TestServer } from './http-test-context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('buildServer', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer({ captureLogs: true });
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers an unknown route with 404 not_found as JSON', async () => {
    const response = await t.server.inject({ method: 'GET', url: '/v2/nothing?x=1' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      error: { code: 'not_found', details: { method: 'GET', path: '/v2/nothing' } },
    });
  });

  it('answers a malformed URL with 400 invalid_request naming what was seen', async () => {
    const response = await t.server.inject({ method: 'GET', url: '/v1/items/%zz' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'invalid_request', details: { seen: '/v1/items/%zz' } },
    });
  });

  it('puts the security headers on every answer, errors included', async () => {
    for (const url of ['/healthz', '/v1/locations', '/no-such-route', '/bad/%zz']) {
      const response = await t.server.inject({ method: 'GET', url });

      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    }
  });

  it('keeps a sane X-Request-Id and replaces one that is not', async () => {
    const kept = await t.server.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'lb-7f3a9c21.0042' },
    });
    const replaced = await t.server.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'has spaces and {braces}' },
    });

    expect(kept.headers['x-request-id']).toBe('lb-7f3a9c21.0042');
    expect(replaced.headers['x-request-id']).toMatch(UUID);
  });

  it('maps a body that is not valid JSON to 400 invalid_json', async () => {
    const response = await t.server.inject({
      method: 'POST',
      url: '/v1/deliveries/d-1/replay',
      headers: { ...bearer(TOKENS.admin), 'content-type': 'application/json' },
      payload: '{"oops":',
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: {
        code: 'invalid_json',
        details: {
          seen: 'text that is not JSON',
          expected: 'a JSON object',
          contentType: 'application/json',
        },
      },
    });
  });

  it('refuses a JSON body sent as text/plain with 415, naming the type to send', async () => {
    const hold = await t.server.inject({
      method: 'POST',
      url: '/v1/holds',
      headers: { ...bearer(TOKENS.admin), 'content-type': 'text/plain', 'idempotency-key': 'k-1' },
      payload: '{"cartId":"c-1","lines":[{"item":"tee","location":"downtown","quantity":1}]}',
    });
    const counts = await t.server.inject({
      method: 'POST',
      url: '/v1/counts',
      headers: { ...bearer(TOKENS.admin), 'content-type': 'text/plain; charset=utf-8' },
      payload: 'location,sku,counted\n',
    });

    expect(hold.statusCode).toBe(415);
    expect(hold.json()).toEqual({
      error: {
        code: 'unsupported_media_type',
        message: 'the body is sent as text/plain; send it with Content-Type: application/json',
        details: { seen: 'text/plain', expected: 'application/json' },
      },
    });
    expect(counts.statusCode).toBe(415);
    expect(counts.json()).toMatchObject({
      error: { code: 'unsupported_media_type', details: { expected: 'text/csv' } },
    });
  });

  it('maps a body of an unsupported media type to 415 unsupported_media_type', async () => {
    const response = await t.server.inject({
      method: 'POST',
      url: '/v1/deliveries/d-1/replay',
      headers: { ...bearer(TOKENS.admin), 'content-type': 'application/xml' },
      payload: '<replay/>',
    });

    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({
      error: { code: 'unsupported_media_type', details: { seen: 'application/xml' } },
    });
  });

  it('answers an unexpected fault with 500 internal and the request id, never the stack', async () => {
    await sql`drop table locations`.execute(t.storage.db);

    const response = await t.server.inject({
      method: 'GET',
      url: '/v1/locations',
      headers: { ...bearer(TOKENS.read), 'x-request-id': 'req-fault-000001' },
    });

    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: {
        code: 'internal',
        message:
          'an unexpected fault; the server log has the details under request id req-fault-000001',
        details: { requestId: 'req-fault-000001' },
      },
    });
    expect(response.body).not.toMatch(/no such table|SqliteError|\.ts:\d+/);
    const logged = t.logLines().find((line) => line['msg'] === 'request failed');
    expect(logged).toMatchObject({ level: 50, requestId: 'req-fault-000001', code: 'internal' });
  });

  it('logs a refused request at info with its code and request id', async () => {
    await t.server.inject({
      method: 'GET',
      url: '/v1/items?limit=0',
      headers: { ...bearer(TOKENS.read), 'x-request-id': 'req-refused-0001' },
    });

    const logged = t.logLines().find((line) => line['msg'] === 'request refused');
    expect(logged).toMatchObject({
      level: 30,
      requestId: 'req-refused-0001',
      code: 'invalid_request',
    });
  });

  it('never writes a client token or a webhook signature to the log', async () => {
    const body = '{"id":1}';
    const headers = deliveryHeaders(body);
    await t.server.inject({ method: 'POST', url: '/webhooks/shopify', headers, payload: body });
    await t.server.inject({ method: 'GET', url: '/v1/locations', headers: bearer(TOKENS.read) });
    await t.server.inject({
      method: 'GET',
      url: '/v1/locations',
      headers: bearer('wrong-token-123456789'),
    });

    const text = t
      .logLines()
      .map((line) => JSON.stringify(line))
      .join('\n');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(TOKENS.read);
    expect(text).not.toContain('wrong-token-123456789');
    expect(text).not.toContain(headers['x-shopify-hmac-sha256']);
  });
});
