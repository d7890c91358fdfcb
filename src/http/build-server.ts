import { fastify, LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AppContext } from '../app/app-context.js';
import { dashboardPlugin } from './dashboard/dashboard-plugin.js';
import { replyNotFound, replyWithError } from './error-reply.js';
import { operationsRoutes } from './operations/operations-routes.js';
import { requestIdFor } from './request-id.js';
import { applySecurityHeaders, setSecurityHeaders } from './security-headers.js';
import { v1Api } from './v1/v1-api.js';
import { shopifyWebhookRoute } from './webhooks/shopify-webhook-route.js';

/**
 * The HTTP server of one trueshelf process, ready but not listening (the caller listens, so
 * tests can `inject`). Each request logs through a child of the app's logger carrying its
 * request id; fastify's request serializer logs method and URL, never headers, so tokens and
 * signatures stay out of the log.
 */
export async function buildServer(ctx: AppContext): Promise<FastifyInstance> {
  // Typed as fastify's base logger so the instance is a plain `FastifyInstance` to callers.
  const logger: FastifyBaseLogger = ctx.logger;
  const app = fastify({
    loggerInstance: logger,
    genReqId: requestIdFor,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    // A malformed URL is refused before routing, so no hook runs: the headers are set here.
    frameworkErrors: (error, request, reply) => {
      setSecurityHeaders(request, reply);
      replyWithError(error, request, reply);
    },
  });

  app.setErrorHandler((error, request, reply) => replyWithError(error, request, reply));
  app.setNotFoundHandler((request, reply) => replyNotFound(request, reply));
  app.addHook('onSend', applySecurityHeaders);

  await app.register(shopifyWebhookRoute(ctx));
  await app.register(v1Api(ctx), { prefix: '/v1' });
  await app.register(operationsRoutes(ctx));
  await app.register(dashboardPlugin(ctx));

  await app.ready();
  return app;
}
