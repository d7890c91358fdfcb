import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { ClientTokens } from '../client-tokens.js';
import { dashboardBody } from './dashboard-body.js';
import type { DashboardSession, DashboardSessions } from './dashboard-sessions.js';
import { clearSessionCookie, sessionIdOf, setSessionCookie } from './session-cookie.js';
import { requireCsrf, requireSession } from './session-guard.js';

const signInBody = z.object({
  token: z.string({ error: 'a client token' }).min(1, { error: 'a client token' }).max(512),
});

const FORM = 'application/x-www-form-urlencoded';

/**
 * `POST /dashboard/session` signs in with a client token (JSON from the page's script, or a
 * plain form post when scripts are off, answered with a redirect), `GET /dashboard/api/session`
 * says who is signed in and hands the page its CSRF token, `POST /dashboard/logout` ends it.
 */
export function registerSessionRoutes(
  app: FastifyInstance,
  sessions: DashboardSessions,
  tokens: ClientTokens,
): void {
  app.post('/dashboard/session', async (request, reply) => {
    const fromForm = (request.headers['content-type'] ?? '').startsWith(FORM);
    assertSameOrigin(request);

    let session: DashboardSession;
    try {
      const { token } = dashboardBody(signInBody, request.body);
      session = sessions.open(tokens.authorise(`Bearer ${token}`, 'read'));
    } catch (thrown) {
      if (fromForm) return reply.redirect('/?signin=failed', 303);
      throw thrown;
    }

    sessions.close(sessionIdOf(request));
    setSessionCookie(request, reply, session.id, sessions.ttlSeconds);
    request.log.info({ client: session.client.name }, 'dashboard: signed in');
    if (fromForm) return reply.redirect('/', 303);
    return reply.status(201).send(sessionView(session));
  });

  app.get('/dashboard/api/session', async (request) =>
    sessionView(requireSession(sessions, request, 'read')),
  );

  app.post('/dashboard/logout', async (request, reply) => {
    const session = sessions.find(sessionIdOf(request));
    if (session) {
      requireCsrf(session, request);
      sessions.close(session.id);
      request.log.info({ client: session.client.name }, 'dashboard: signed out');
    }
    clearSessionCookie(request, reply);
    return reply.status(204).send();
  });
}

function sessionView(session: DashboardSession) {
  return {
    client: { name: session.client.name, scope: session.client.scope },
    csrfToken: session.csrfToken,
    expiresAt: new Date(session.expiresAt).toISOString(),
  };
}

/**
 * A sign-in posted from another site's page would sign the browser in as someone else (login
 * CSRF). Browsers send `Origin` on every cross-site POST, so one that names another host is
 * refused; a request without it (curl, an old browser's same-origin form) is let through.
 */
function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;

  let host: string | null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (host !== request.headers.host) {
    throw new TrueshelfError('forbidden', 'sign-in must come from the dashboard’s own page', {
      header: 'Origin',
      seen: origin,
      expected: `an origin on ${request.headers.host ?? 'this host'}`,
    });
  }
}
