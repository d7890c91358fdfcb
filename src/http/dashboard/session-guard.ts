import type { FastifyRequest } from 'fastify';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { Scope } from '../client-tokens.js';
import type { DashboardSession, DashboardSessions } from './dashboard-sessions.js';
import { hasScope, sameSecret } from './dashboard-sessions.js';
import { sessionIdOf } from './session-cookie.js';

export const CSRF_HEADER = 'x-csrf-token';

/** The signed-in session of a dashboard request holding at least `needed`, or a 401/403. */
export function requireSession(
  sessions: DashboardSessions,
  request: FastifyRequest,
  needed: Scope,
): DashboardSession {
  const session = sessions.find(sessionIdOf(request));
  if (!session) {
    throw new TrueshelfError('unauthorized', 'sign in to the dashboard with a client token', {
      cookie: 'trueshelf_session',
      seen:
        sessionIdOf(request) === undefined ? 'no session cookie' : 'an unknown or expired session',
      expected: 'a session from POST /dashboard/session',
    });
  }

  if (!hasScope(session, needed)) {
    throw new TrueshelfError(
      'forbidden',
      `client "${session.client.name}" holds scope ${session.client.scope}; this needs ${needed}`,
      { client: session.client.name, seen: session.client.scope, expected: needed },
    );
  }
  return session;
}

/**
 * An action (a replay, signing out) needs the session's CSRF token in `X-CSRF-Token`: a page
 * from another origin can make the browser send the cookie (SameSite aside, on old browsers)
 * but cannot read the token, which lives only in our page's memory.
 */
export function requireCsrf(session: DashboardSession, request: FastifyRequest): void {
  const presented = request.headers[CSRF_HEADER];
  const value = typeof presented === 'string' ? presented : '';

  if (!sameSecret(value, session.csrfToken)) {
    throw new TrueshelfError('forbidden', 'the action is missing its CSRF token or it is wrong', {
      header: 'X-CSRF-Token',
      seen: value === '' ? 'nothing' : 'a token that is not this session’s',
      expected: 'the csrfToken of GET /dashboard/api/session',
    });
  }
}
