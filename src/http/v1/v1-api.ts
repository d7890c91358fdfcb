import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { ClientTokens } from '../client-tokens.js';
import type { ApiClient, Scope } from '../client-tokens.js';
import { registerAvailabilityRoute } from './availability-route.js';
import { registerDeliveriesRoutes } from './deliveries-routes.js';
import { registerHoldsRoutes } from './holds-routes.js';
import { registerItemsRoute } from './items-route.js';
import { registerLocationsRoute } from './locations-route.js';
import { registerMovementsRoute } from './movements-route.js';
import { registerOutboxRoutes } from './outbox-routes.js';
import { registerPickupRoutes } from './pickup-routes.js';
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

  return async function register(app: FastifyInstance): Promise<void> {
    app.decorateRequest('client', null);
    app.addHook('onRequest', async (request) => {
      // Fail closed: a route that forgot to name its scope is admin-only, not open.
      const needed = request.routeOptions.config.scope ?? 'admin';
      request.client = tokens.authorise(request.headers.authorization, needed);
    });

    registerLocationsRoute(app, ctx);
    registerItemsRoute(app, ctx);
    registerAvailabilityRoute(app, ctx);
    registerMovementsRoute(app, ctx);
    registerDeliveriesRoutes(app, ctx);
    registerOutboxRoutes(app, ctx);
    registerHoldsRoutes(app, ctx);
    registerPickupRoutes(app, ctx);
    registerReportsRoutes(app, ctx);
  };
}
