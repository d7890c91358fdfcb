import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import {
  buildAttributionReport,
  renderAttributionCsv,
  renderAttributionHtml,
  renderAttributionJson,
} from '../../reports/attribution/index.js';
import { parseQuery } from '../parse-query.js';
import { oneOfParam } from '../query-params.js';

const day = z
  .string({ error: 'a date as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a date as YYYY-MM-DD' });

export const attributionReportQuery = z.strictObject({
  from: day,
  to: day,
  format: oneOfParam(['json', 'csv', 'html']).optional(),
});

/**
 * `GET /v1/reports/attribution?from&to&format` (read): sale and fulfilment credit by store,
 * associate, channel, class and store-local day, as JSON (default), CSV or HTML with charts.
 */
export function registerAttributionReportRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/reports/attribution', { config: { scope: 'read' } }, async (request, reply) => {
    const { from, to, format } = parseQuery(attributionReportQuery, request.query);
    const report = await buildAttributionReport(ctx.storage, {
      from,
      to,
      ecommerceTimeZone: ctx.config.attribution.ecommerceTimeZone,
      clock: ctx.clock,
    });

    if (format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="attribution-${from}-${to}.csv"`)
        .send(renderAttributionCsv(report));
    }
    if (format === 'html')
      return reply.type('text/html; charset=utf-8').send(renderAttributionHtml(report));
    return reply.type('application/json; charset=utf-8').send(renderAttributionJson(report));
  });
}
