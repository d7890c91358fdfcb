import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { holdsDb } from '../../engine/holds/holds-database.js';
import { listAlerts } from '../../engine/holds/list-alerts.js';
import { listPickups } from '../../engine/holds/pickup-queue.js';
import { parseQuery } from '../parse-query.js';
import { limitParam, oneOfParam, textParam } from '../query-params.js';
import { assertKnownTargets } from './assert-known-targets.js';

export const pickupsQuery = z.strictObject({
  location: textParam('a location handle', 128).optional(),
  status: oneOfParam(['open', 'cancelled']).optional(),
  limit: limitParam(100, 1000),
});

export const alertsQuery = z.strictObject({
  location: textParam('a location handle', 128).optional(),
  open: oneOfParam(['true', 'false']).optional(),
  limit: limitParam(100, 1000),
});

/**
 * The store's side of holds: `GET /v1/pickups` (open pickup orders, oldest first, with their
 * age against the store's pickup time; or the cancelled ones with Shopify's reason) and
 * `GET /v1/alerts` (held units sold from under a pickup, orders that came after their hold
 * lapsed), newest first. Both read scope.
 */
export function registerPickupRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = holdsDb(ctx.storage.db);

  app.get('/pickups', { config: { scope: 'read' } }, async (request) => {
    const query = parseQuery(pickupsQuery, request.query);
    const pickups = await listPickups(
      db,
      { status: query.status ?? 'open', location: query.location, limit: query.limit },
      ctx.clock(),
    );
    if (pickups.length === 0) await assertKnownTargets(ctx, { location: query.location });
    return { pickups };
  });

  app.get('/alerts', { config: { scope: 'read' } }, async (request) => {
    const query = parseQuery(alertsQuery, request.query);
    const alerts = await listAlerts(db, {
      location: query.location,
      open: query.open === 'true',
      limit: query.limit,
    });
    if (alerts.length === 0) await assertKnownTargets(ctx, { location: query.location });
    return { alerts };
  });
}
