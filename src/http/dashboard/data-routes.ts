import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import { parseQuery } from '../parse-query.js';
import { textParam } from '../query-params.js';
import { chainOverview } from './chain-overview.js';
import type { DashboardSessions } from './dashboard-sessions.js';
import { holdsBoard } from './holds-board.js';
import { itemDetail } from './item-detail.js';
import { liveFlow } from './live-flow.js';
import { requireSession } from './session-guard.js';
import { STORE_LEVELS_LIMIT, storeLevels } from './store-levels.js';

const storeQuery = z.strictObject({ handle: textParam('a location handle', 128) });
const itemQuery = z.strictObject({ id: textParam('an item id') });

/**
 * The page's read calls, `GET /dashboard/api/...`, each behind a session with read scope. Ids
 * travel in the query string, not the path, because item ids may hold characters a path
 * segment would have to escape.
 */
export function registerDataRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  sessions: DashboardSessions,
): void {
  const { db } = ctx.storage;
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' && request.url.startsWith('/dashboard/api/')) {
      requireSession(sessions, request, 'read');
    }
  });

  app.get('/dashboard/api/overview', async () => chainOverview(db));

  app.get('/dashboard/api/store', async (request) => {
    const { handle } = parseQuery(storeQuery, request.query);
    const overview = await chainOverview(db);
    const store = overview.stores.find((candidate) => candidate.handle === handle);
    if (!store) {
      throw new TrueshelfError('unknown_location', `no location with handle "${handle}"`, {
        parameter: 'handle',
        seen: handle,
        expected: 'a handle listed on the chain overview',
      });
    }

    const levels = await storeLevels(db, handle);
    return {
      store,
      levels: levels.slice(0, STORE_LEVELS_LIMIT),
      truncated: levels.length > STORE_LEVELS_LIMIT,
    };
  });

  app.get('/dashboard/api/item', async (request) => {
    const { id } = parseQuery(itemQuery, request.query);
    const detail = await itemDetail(db, id);
    if (!detail) {
      throw new TrueshelfError('unknown_item', `no item with id "${id}"`, {
        parameter: 'id',
        seen: id,
        expected: 'an item id listed on a store page',
      });
    }
    // No `/v1/availability/explain` exists yet, so the decision row is the explanation shown.
    return { ...detail, explanation: null };
  });

  app.get('/dashboard/api/flow', async () => liveFlow(ctx));

  app.get('/dashboard/api/holds', async () => holdsBoard(ctx));
}
