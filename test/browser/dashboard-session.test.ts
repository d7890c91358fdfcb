import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, startTestServer, TOKENS } from '../http/http-test-context.js';
import type { TestServer } from '../http/http-test-context.js';
import { seedRows } from '../http/v1/seed-rows.js';

// Plain `inject` tests of the dashboard's session, scope and CSRF rules; the browser test
// (dashboard-browser.test.ts) drives the same routes through Chromium.

interface Session {
  cookie: string;
  csrfToken: string;
  client: { name: string; scope: string };
}

describe('the dashboard session', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  async function signIn(token: string): Promise<Session> {
    const reply = await t.server.inject({
      method: 'POST',
      url: '/dashboard/session',
      payload: { token },
    });
    expect(reply.statusCode).toBe(201);
    const setCookie = String(reply.headers['set-cookie']);
    const body = reply.json<{ csrfToken: string; client: Session['client'] }>();
    return {
      cookie: setCookie.split(';')[0] ?? '',
      csrfToken: body.csrfToken,
      client: body.client,
    };
  }

  it('serves the page at / with a policy that runs only its own script', async () => {
    const reply = await t.server.inject({ method: 'GET', url: '/' });

    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toContain('text/html');
    expect(reply.body).toContain('/dashboard/assets/dashboard.js');
    const policy = String(reply.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    const script = await t.server.inject({ method: 'GET', url: '/dashboard/assets/dashboard.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
  });

  it('serves a sign-in page with no links to the pages behind it', async () => {
    const reply = await t.server.inject({ method: 'GET', url: '/' });

    expect(reply.statusCode).toBe(200);
    // The page links are the router's `#/...` hashes; the skip link is the only link before
    // sign-in, and it points at the page's own main region.
    expect(reply.body).not.toMatch(/href="#\//);
    expect([...reply.body.matchAll(/<a\b[^>]*>/g)].map((m) => m[0])).toEqual([
      '<a class="skip" href="#main">',
    ]);
    // The stylesheet gives nav and the signed-in bar display: flex, which would otherwise
    // override their hidden attribute and show them before sign-in.
    const css = await t.server.inject({ method: 'GET', url: '/dashboard/assets/dashboard.css' });
    expect(css.body).toMatch(/\[hidden\]\s*\{\s*display:\s*none\s*!important;\s*\}/);
  });

  it('signs in with a read token into an HttpOnly, SameSite=Strict cookie that is not the token', async () => {
    const reply = await t.server.inject({
      method: 'POST',
      url: '/dashboard/session',
      payload: { token: TOKENS.read },
    });

    expect(reply.statusCode).toBe(201);
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toMatch(/^trueshelf_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain(TOKENS.read);
    expect(reply.json()).toMatchObject({ client: { name: 'storefront', scope: 'read' } });
  });

  it('refuses an unknown token and sets no cookie', async () => {
    const reply = await t.server.inject({
      method: 'POST',
      url: '/dashboard/session',
      payload: { token: 'not-a-token-anyone-holds' },
    });

    expect(reply.statusCode).toBe(401);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('answers a plain form post with a redirect to the page, or back with signin=failed', async () => {
    const good = await t.server.inject({
      method: 'POST',
      url: '/dashboard/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${encodeURIComponent(TOKENS.admin)}`,
    });
    const bad = await t.server.inject({
      method: 'POST',
      url: '/dashboard/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'token=wrong-token-0000000000',
    });

    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/');
    expect(String(good.headers['set-cookie'])).toContain('trueshelf_session=');
    expect(bad.statusCode).toBe(303);
    expect(bad.headers.location).toBe('/?signin=failed');
    expect(bad.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a sign-in posted from another origin', async () => {
    const reply = await t.server.inject({
      method: 'POST',
      url: '/dashboard/session',
      headers: { origin: 'https://evil.example', host: 'localhost:80' },
      payload: { token: TOKENS.admin },
    });

    expect(reply.statusCode).toBe(403);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('refuses the data calls without a session, and with a bearer token instead of one', async () => {
    const none = await t.server.inject({ method: 'GET', url: '/dashboard/api/overview' });
    const withBearer = await t.server.inject({
      method: 'GET',
      url: '/dashboard/api/overview',
      headers: bearer(TOKENS.admin),
    });

    expect(none.statusCode).toBe(401);
    expect(withBearer.statusCode).toBe(401);
  });

  it('does not let a session cookie stand in for a bearer token on /v1', async () => {
    const session = await signIn(TOKENS.admin);

    const reply = await t.server.inject({
      method: 'GET',
      url: '/v1/locations',
      headers: { cookie: session.cookie },
    });

    expect(reply.statusCode).toBe(401);
  });

  it('ends the session on sign-out, which needs the CSRF token', async () => {
    const session = await signIn(TOKENS.read);

    const forged = await t.server.inject({
      method: 'POST',
      url: '/dashboard/logout',
      headers: { cookie: session.cookie },
    });
    const still = await t.server.inject({
      method: 'GET',
      url: '/dashboard/api/session',
      headers: { cookie: session.cookie },
    });
    const out = await t.server.inject({
      method: 'POST',
      url: '/dashboard/logout',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    const after = await t.server.inject({
      method: 'GET',
      url: '/dashboard/api/session',
      headers: { cookie: session.cookie },
    });

    expect(forged.statusCode).toBe(403);
    expect(still.statusCode).toBe(200);
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect(after.statusCode).toBe(401);
  });

  it('expires a session eight hours after sign-in', async () => {
    const session = await signIn(TOKENS.read);
    const ask = () =>
      t.server.inject({
        method: 'GET',
        url: '/dashboard/api/session',
        headers: { cookie: session.cookie },
      });

    t.clock.advance(8 * 3600 * 1000 - 1000);
    const before = await ask();
    t.clock.advance(1000);
    const after = await ask();

    expect(before.statusCode).toBe(200);
    expect(after.statusCode).toBe(401);
  });

  describe('replaying a parked delivery', () => {
    beforeEach(async () => {
      await seedRows(t.storage).delivery({
        id: 'd-parked',
        received_at: '2026-05-04T08:00:00.000Z',
        status: 'unprocessable',
        error: 'body is not JSON',
        body: 'not json',
      });
    });

    const replay = (headers: Record<string, string>) =>
      t.server.inject({
        method: 'POST',
        url: '/dashboard/api/deliveries/replay',
        headers,
        payload: { id: 'd-parked' },
      });
    const statusOf = async () =>
      (
        await t.storage.db
          .selectFrom('deliveries')
          .select('status')
          .where('id', '=', 'd-parked')
          .executeTakeFirstOrThrow()
      ).status;

    it('refuses a read session, even with its CSRF token', async () => {
      const session = await signIn(TOKENS.read);

      const reply = await replay({ cookie: session.cookie, 'x-csrf-token': session.csrfToken });

      expect(reply.statusCode).toBe(403);
      expect(reply.json()).toMatchObject({
        error: { code: 'forbidden', details: { seen: 'read' } },
      });
      expect(await statusOf()).toBe('unprocessable');
    });

    it('refuses an admin session without the CSRF token, or with another session’s', async () => {
      const session = await signIn(TOKENS.admin);
      const other = await signIn(TOKENS.admin);

      const missing = await replay({ cookie: session.cookie });
      const crossed = await replay({ cookie: session.cookie, 'x-csrf-token': other.csrfToken });

      expect(missing.statusCode).toBe(403);
      expect(crossed.statusCode).toBe(403);
      expect(await statusOf()).toBe('unprocessable');
      expect(t.wakes.inbox).toBe(0);
    });

    it('hands the delivery back with an admin session and its CSRF token, once', async () => {
      const session = await signIn(TOKENS.admin);
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };

      const first = await replay(headers);
      const second = await replay(headers);

      expect(first.statusCode).toBe(200);
      expect(await statusOf()).toBe('pending');
      expect(t.wakes.inbox).toBe(1);
      expect(second.statusCode).toBe(409);
      expect(second.json()).toMatchObject({ error: { code: 'not_replayable' } });
    });
  });
});
