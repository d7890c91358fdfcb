import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../../app/app-context.js';
import { toError } from '../../shared/error-catalogue.js';
import { openApiDocument } from '../openapi-document.js';

/** The outbox states worth watching; sent rows are history, not depth. */
const DEPTH_STATUSES = ['pending', 'parked'];

/**
 * `GET /healthz`, `GET /metrics` and `GET /openapi.json`: unauthenticated, for probes, scrapers
 * and people. None of them says anything about stock.
 */
export function operationsRoutes(ctx: AppContext) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/healthz', async (request, reply) => {
      try {
        await sql`select 1`.execute(ctx.storage.db);
      } catch (thrown) {
        request.log.error({ err: toError(thrown) }, 'health check: the database does not answer');
        return reply.status(503).send({ status: 'unavailable', db: 'failing' });
      }
      // Webhooks: topics missing from the app config, or quiet for far longer than usual.
      const report = ctx.subscriptions ? await ctx.subscriptions() : null;
      const webhooks = report
        ? {
            healthy: report.healthy,
            missingTopics: report.missingTopics,
            quietTopics: report.topics.filter((t) => t.status === 'quiet').map((t) => t.topic),
          }
        : undefined;
      return { status: 'ok', db: 'ok', ...(webhooks ? { webhooks } : {}) };
    });

    app.get('/metrics', async (request, reply) => {
      await refreshOutboxDepth(ctx, request.log);
      const text = await ctx.metrics.registry.metrics();
      return reply.type(ctx.metrics.registry.contentType).send(text);
    });

    app.get('/openapi.json', async () => openApiDocument);
  };
}

/**
 * Outbox depth is read at scrape time rather than tracked on every change, so it cannot drift
 * from the table. If the read fails the gauge is emptied: no number is better than a stale one.
 */
async function refreshOutboxDepth(ctx: AppContext, log: FastifyInstance['log']): Promise<void> {
  const gauge = ctx.metrics.outboxDepth;
  try {
    const rows = await ctx.storage.db
      .selectFrom('outbox')
      .select(['channel', 'status', (eb) => eb.fn.countAll<number | string>().as('depth')])
      .where('status', 'in', DEPTH_STATUSES)
      .groupBy(['channel', 'status'])
      .execute();
    gauge.reset();
    for (const row of rows)
      gauge.set({ channel: row.channel, status: row.status }, Number(row.depth));
  } catch (thrown) {
    gauge.reset();
    log.error({ err: toError(thrown) }, 'metrics: cannot read the outbox depth');
  }
}
