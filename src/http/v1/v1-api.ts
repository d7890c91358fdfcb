import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { ClientTokens } from '../client-tokens.js';
import type { ApiClient, Scope } from '../client-tokens.js';
import { RateLimit } from '../rate-limit.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerAvailabilityRoute } from './availability-route.js';
import { registerBuffersRoutes } from './buffers-routes.js';
import { registerCountsRoutes } from './counts-routes.js';
import { registerDeliveriesRoutes } from './deliveries-routes.js';
import { registerHoldsRoutes } from './holds-routes.js';
import { registerItemsRoute } from './items-route.js';
import { registerLocationsRoute } from './locations-route.js';
import { registerMovementsRoute } from './movements-route.js';
import { registerOutboxRoutes } from './outbox-routes.js';
import { registerPickupRoutes } from './pickup-routes.js';
import { refuseNulText } from './refuse-nul-text.js';
import { refuseTextBodies } from './refuse-text-bodies.js';
import { registerReportsRoutes } from './reports-routes.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least scope a client token needs for this route; a route that names none needs admin. */
    scope?: Scope;
  }
  interface FastifyRequest {
    /** The authenticated client of a `/v1` request; null elsewhere. */
    client: ApiClient | null;
  }
}

/**
 * The `/v1` JSON API. Every route here is behind a client token: the hook runs before the body
 * is read, so an unauthenticated caller costs a hash and nothing more. Register with prefix `/v1`.
 */
export function v1Api(ctx: AppContext) {
  const tokens = ClientTokens.fromConfig(ctx.config);
  // Wall time, not the app clock: the limit is about real load, even under the demo's fast clock.
  const rateLimit = new RateLimit(ctx.config.api);

  return async function register(app: FastifyInstance): Promise<void> {
    app.decorateRequest('client', null);
    app.addHook('onRequest', async (request, reply) => {
      // Fail closed: a route that forgot to name its scope is admin-only, not open.
      const needed = request.routeOptions.config.scope ?? 'admin';
      request.client = tokens.authorise(request.headers.authorization, needed);

      const allowed = rateLimit.take(request.client.name);
      if (!allowed.ok) {
        void reply.header('Retry-After', String(allowed.retryAfterSeconds));
        throw allowed.error;
      }
    });
    app.addHook('preHandler', async (request) => refuseNulText(request));
    refuseTextBodies(app);

    registerLocationsRoute(app, ctx);
    registerItemsRoute(app, ctx);
    registerAvailabilityRoute(app, ctx);
    registerBuffersRoutes(app, ctx);
    registerMovementsRoute(app, ctx);
    registerDeliveriesRoutes(app, ctx);
    registerOutboxRoutes(app, ctx);
    registerHoldsRoutes(app, ctx);
    registerPickupRoutes(app, ctx);
    registerReportsRoutes(app, ctx);
    registerCountsRoutes(app, ctx);
    registerAuditRoutes(app, ctx);
  };
}
