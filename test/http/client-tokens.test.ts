import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientTokens } from '../../src/http/client-tokens.js';
import { TrueshelfError } from '../../src/shared/error-catalogue.js';
import { bearer, startTestServer, TOKENS } from './http-test-context.js';
import type { TestServer } from './http-test-context.js';

describe('ClientTokens', () => {
  const tokens = new ClientTokens([
    { name: 'reader', token: 'reader-token-0000000001', scopes: ['read'] },
    { name: 'writer', token: 'writer-token-0000000002', scopes: ['write'] },
    { name: 'boss', token: 'boss-token-00000000003', scopes: ['read', 'admin'] },
  ]);

  function codeOf(run: () => unknown): string | undefined {
    try {
      run();
    } catch (thrown) {
      return thrown instanceof TrueshelfError ? thrown.code : 'not a TrueshelfError';
    }
    return undefined;
  }

  it('names the client whose token is presented', () => {
    expect(tokens.authorise('Bearer writer-token-0000000002', 'read')).toEqual({
      name: 'writer',
      scope: 'write',
    });
  });

  it('lets admin imply write and write imply read, but not the other way', () => {
    expect(tokens.authorise('Bearer boss-token-00000000003', 'write').name).toBe('boss');
    expect(tokens.authorise('Bearer writer-token-0000000002', 'read').name).toBe('writer');
    expect(codeOf(() => tokens.authorise('Bearer reader-token-0000000001', 'write'))).toBe(
      'forbidden',
    );
    expect(codeOf(() => tokens.authorise('Bearer writer-token-0000000002', 'admin'))).toBe(
      'forbidden',
    );
  });

  it('refuses a missing header, another scheme, and a token that differs by one character', () => {
    expect(codeOf(() => tokens.authorise(undefined, 'read'))).toBe('unauthorized');
    expect(codeOf(() => tokens.authorise('Basic cmVhZGVyOng=', 'read'))).toBe('unauthorized');
    expect(codeOf(() => tokens.authorise('Bearer reader-token-0000000009', 'read'))).toBe(
      'unauthorized',
    );
    expect(codeOf(() => tokens.authorise('Bearer reader-token-000000000', 'read'))).toBe(
      'unauthorized',
    );
  });

  it('accepts the scheme in any case', () => {
    expect(tokens.authorise('bearer reader-token-0000000001', 'read').name).toBe('reader');
  });
});

describe('/v1 authentication', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 401 unauthorized with a Bearer challenge when no token is sent', async () => {
    const response = await t.server.inject({ method: 'GET', url: '/v1/locations' });

    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="trueshelf"');
    expect(response.json()).toMatchObject({
      error: { code: 'unauthorized', details: { header: 'Authorization', seen: 'nothing' } },
    });
  });

  it('answers 401 for a token no client holds', async () => {
    const response = await t.server.inject({
      method: 'GET',
      url: '/v1/locations',
      headers: bearer('token-read-0123456789abcdeX'),
    });

    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('lets a read token read', async () => {
    const response = await t.server.inject({
      method: 'GET',
      url: '/v1/locations',
      headers: bearer(TOKENS.read),
    });

    expect(response.statusCode).toBe(200);
  });

  it('answers 403 forbidden when a read or write token asks to replay', async () => {
    for (const token of [TOKENS.read, TOKENS.write]) {
      const response = await t.server.inject({
        method: 'POST',
        url: '/v1/deliveries/some-id/replay',
        headers: bearer(token),
      });

      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({
        error: { code: 'forbidden', details: { expected: 'admin' } },
      });
    }
  });

  it('lets the admin tokens (named and from the environment) past to the route itself', async () => {
    for (const token of [TOKENS.admin, TOKENS.env]) {
      const response = await t.server.inject({
        method: 'POST',
        url: '/v1/deliveries/no-such-delivery/replay',
        headers: bearer(token),
      });

      // Past auth, the route answers for the missing row.
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('lets an admin token read', async () => {
    const response = await t.server.inject({
      method: 'GET',
      url: '/v1/items',
      headers: bearer(TOKENS.admin),
    });

    expect(response.statusCode).toBe(200);
  });
});
