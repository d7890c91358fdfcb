import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { ClientTokens } from '../client-tokens.js';
import { registerActionRoutes } from './action-routes.js';
import { AuditSnapshot } from './audit-snapshot.js';
import { registerDataRoutes } from './data-routes.js';
import { DashboardSessions } from './dashboard-sessions.js';
import { registerSessionRoutes } from './session-routes.js';

export interface DashboardOptions {
  /** How long a sign-in lasts, whatever the activity; 8 hours is one shift. */
  sessionTtlSeconds?: number;
  /** How long the latest audit is kept between polls when no count import arrives. */
  auditMaxAgeSeconds?: number;
}

/**
 * The page may run only our own script and style, talk only to our own origin, and post forms
 * only to us; SVG charts are built through the DOM, so no inline script or style is needed.
 */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** The page's script modules; the first imports the others. */
const SCRIPTS = [
  'dashboard.js',
  'dom-helpers.js',
  'bar-chart.js',
  'audit-view.js',
  'buffer-explanation.js',
  'attribution-view.js',
  'day-chart.js',
  'flow-view.js',
  'holds-view.js',
];

const ASSETS: readonly { path: string; file: string; type: string }[] = [
  { path: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
  ...SCRIPTS.map((file) => ({
    path: `/dashboard/assets/${file}`,
    file,
    type: 'text/javascript; charset=utf-8',
  })),
  {
    path: '/dashboard/assets/dashboard.css',
    file: 'dashboard.css',
    type: 'text/css; charset=utf-8',
  },
];

/**
 * The operations dashboard at `/`: a static page, its script and style, read once when the
 * server is built, and the session-guarded JSON calls the page makes. Registered as an
 * encapsulated plugin, so its form parser and hooks stay out of `/v1` and the webhook route.
 */
export function dashboardPlugin(ctx: AppContext, options: DashboardOptions = {}) {
  return async function register(app: FastifyInstance): Promise<void> {
    const sessions = new DashboardSessions({
      clock: ctx.clock,
      ttlSeconds: options.sessionTtlSeconds ?? 8 * 3600,
    });
    const tokens = ClientTokens.fromConfig(ctx.config);
    const audit = new AuditSnapshot(ctx.storage, {
      clock: ctx.clock,
      maxAgeSeconds: options.auditMaxAgeSeconds ?? 60,
    });

    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    for (const asset of ASSETS) {
      const content = readFileSync(new URL(`./assets/${asset.file}`, import.meta.url), 'utf8');
      app.get(asset.path, async (_request, reply) => {
        reply.header('Content-Security-Policy', PAGE_POLICY);
        reply.header('Cache-Control', 'no-cache');
        return reply.type(asset.type).send(content);
      });
    }

    registerSessionRoutes(app, sessions, tokens);
    registerDataRoutes(app, ctx, sessions, audit);
    registerActionRoutes(app, ctx, sessions);
  };
}
