import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { toError, TrueshelfError } from '../../shared/error-catalogue.js';
import { parseQuery } from '../parse-query.js';
import { textParam } from '../query-params.js';
import { attributionPage } from './attribution-page.js';
import { auditPage } from './audit-page.js';
import type { AuditSnapshot } from './audit-snapshot.js';
import { chainOverview } from './chain-overview.js';
import type { DashboardSessions } from './dashboard-sessions.js';
import { holdsBoard } from './holds-board.js';
import { itemDetail } from './item-detail.js';
import { levelExplanation } from './level-explanation.js';
import { liveFlow } from './live-flow.js';
import { overviewDrift } from './overview-drift.js';
import { requireSession } from './session-guard.js';
import { STORE_LEVELS_LIMIT, storeLevels } from './store-levels.js';

const storeQuery = z.strictObject({ handle: textParam('a location handle', 128) });
const itemQuery = z.strictObject({ id: textParam('an item id') });
const levelQuery = z.strictObject({
  item: textParam('an item id'),
  location: textParam('a location handle', 128),
});
const rangeQuery = z.strictObject({
  from: textParam('a day as YYYY-MM-DD', 10).optional(),
  to: textParam('a day as YYYY-MM-DD', 10).optional(),
});

/**
 * The page's read calls, `GET /dashboard/api/...`, each behind a session with read scope. Ids
 * travel in the query string, not the path, because item ids may hold characters a path
 * segment would have to escape.
 */
export function registerDataRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  sessions: DashboardSessions,
  audit: AuditSnapshot,
): void {
  const { db } = ctx.storage;
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' && request.url.startsWith('/dashboard/api/')) {
      requireSession(sessions, request, 'read');
    }
  });

  app.get('/dashboard/api/overview', async (request) => {
    // The overview still answers when the audit cannot be built; its drift column says so.
    const drift = audit.latest().then(overviewDrift, (thrown: unknown) => {
      request.log.error({ err: toError(thrown) }, 'dashboard: the latest audit failed');
      return null;
    });
    const [overview, latest] = await Promise.all([chainOverview(db, ctx.clock()), drift]);
    return { ...overview, drift: latest };
  });

  app.get('/dashboard/api/audit', async () => auditPage(await audit.latest()));

  app.get('/dashboard/api/attribution', async (request) =>
    attributionPage(ctx, parseQuery(rangeQuery, request.query)),
  );

  app.get('/dashboard/api/store', async (request) => {
    const { handle } = parseQuery(storeQuery, request.query);
    const overview = await chainOverview(db, ctx.clock());
    const store = overview.stores.find((candidate) => candidate.handle === handle);
    if (!store) {
      throw new TrueshelfError('unknown_location', `no location with handle "${handle}"`, {
        parameter: 'handle',
        seen: handle,
        expected: 'a handle listed on the chain overview',
      });
    }

    const levels = await storeLevels(db, handle, ctx.clock());
    return {
      store,
      levels: levels.slice(0, STORE_LEVELS_LIMIT),
      truncated: levels.length > STORE_LEVELS_LIMIT,
    };
  });

  app.get('/dashboard/api/item', async (request) => {
    const { id } = parseQuery(itemQuery, request.query);
    const detail = await itemDetail(db, id, ctx.clock());
    if (!detail) {
      throw new TrueshelfError('unknown_item', `no item with id "${id}"`, {
        parameter: 'id',
        seen: id,
        expected: 'an item id listed on a store page',
      });
    }
    return detail;
  });

  app.get('/dashboard/api/explain', async (request) => {
    const { item, location } = parseQuery(levelQuery, request.query);
    return levelExplanation(ctx, { itemId: item, locationHandle: location });
  });

  app.get('/dashboard/api/flow', async () => liveFlow(ctx));

  app.get('/dashboard/api/holds', async () => holdsBoard(ctx));
}
