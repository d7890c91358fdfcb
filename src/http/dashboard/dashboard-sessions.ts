import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../shared/clock.js';
import type { ApiClient, Scope } from '../client-tokens.js';

/** admin implies write implies read, as for the API's tokens. */
const SCOPE_RANK: Readonly<Record<Scope, number>> = { read: 1, write: 2, admin: 3 };

export interface DashboardSession {
  readonly id: string;
  readonly client: ApiClient;
  /** Sent back in `X-CSRF-Token` with every action; never in a cookie. */
  readonly csrfToken: string;
  readonly expiresAt: number;
}

export interface DashboardSessionsOptions {
  clock: Clock;
  ttlSeconds: number;
  /** Oldest sessions are dropped past this, so a sign-in loop cannot grow memory without end. */
  maxSessions?: number;
}

/**
 * Signed-in dashboard sessions, in memory: a random id (the cookie) names the client token's
 * name and scope, never the token itself. A restart signs everyone out, which is acceptable
 * for an operations page; several instances behind a balancer would need sticky sessions or a
 * table (not built: one process serves the dashboard today).
 */
export class DashboardSessions {
  private readonly sessions = new Map<string, DashboardSession>();
  private readonly maxSessions: number;

  constructor(private readonly options: DashboardSessionsOptions) {
    this.maxSessions = options.maxSessions ?? 10_000;
  }

  get ttlSeconds(): number {
    return this.options.ttlSeconds;
  }

  open(client: ApiClient): DashboardSession {
    this.sweep();
    while (this.sessions.size >= this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }

    const session: DashboardSession = {
      id: randomBytes(32).toString('base64url'),
      client,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: this.options.clock().getTime() + this.options.ttlSeconds * 1000,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session behind a cookie value, or null (unknown, or expired and now forgotten). */
  find(id: string | undefined): DashboardSession | null {
    if (id === undefined) return null;
    const session = this.sessions.get(id);
    if (!session) return null;

    if (session.expiresAt <= this.options.clock().getTime()) {
      this.sessions.delete(id);
      return null;
    }
    return session;
  }

  close(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const now = this.options.clock().getTime();
    for (const [id, session] of this.sessions) {
      if (session.expiresAt <= now) this.sessions.delete(id);
    }
  }
}

export function hasScope(session: DashboardSession, needed: Scope): boolean {
  return SCOPE_RANK[session.client.scope] >= SCOPE_RANK[needed];
}

/** Both sides are hashed first, so the compare is constant-time whatever the lengths. */
export function sameSecret(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
