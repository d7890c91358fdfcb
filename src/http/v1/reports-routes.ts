import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { createNetSuiteFromConfig } from '../../engine/erp/create-netsuite-from-config.js';
import {
  canReadShopify,
  reconcileConfigured,
} from '../../reports/reconcile/reconcile-configured.js';
import {
  renderReconciliationCsv,
  renderReconciliationJson,
} from '../../reports/reconcile/render-reconciliation.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import { createShopifyClient } from '../../sources/shopify/create-shopify-client.js';
import { parseQuery } from '../parse-query.js';
import { oneOfParam } from '../query-params.js';
import { registerAttributionReportRoute } from './attribution-report-route.js';

export const netsuiteReconciliationQuery = z.strictObject({
  format: oneOfParam(['json', 'csv']).optional(),
});

/**
 * `GET /v1/reports/netsuite-reconciliation`: Shopify (read afresh), NetSuite and the mirror per
 * item and location, each difference classified. NetSuite's side is what the poller last
 * stored; the booked-order lookup asks NetSuite itself. The clients are serve's own when it
 * runs them (one M2M token, one concurrency cap), else built once here.
 */
export function registerReportsRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerAttributionReportRoute(app, ctx);
  const netsuite =
    ctx.netsuite ?? createNetSuiteFromConfig(ctx.config, { clock: ctx.clock, logger: ctx.logger });
  const shopify =
    ctx.shopify ??
    (canReadShopify(ctx.config)
      ? createShopifyClient(ctx.config, {
          metrics: ctx.metrics,
          logger: ctx.logger,
          clock: ctx.clock,
        })
      : undefined);

  app.get(
    '/reports/netsuite-reconciliation',
    { config: { scope: 'read' } },
    async (request, reply) => {
      const { format } = parseQuery(netsuiteReconciliationQuery, request.query);
      if (!netsuite.configured) {
        throw new TrueshelfError('not_found', netsuite.message, {
          setting: 'netsuite.accountId',
          env: 'TRUESHELF_NETSUITE_ACCOUNT_ID',
        });
      }

      const report = await reconcileConfigured(ctx.storage, {
        netsuite,
        shopify,
        levelsPerQuery: ctx.config.shopify.levelsPerQuery,
        clock: ctx.clock,
      });
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="netsuite-reconciliation.csv"')
          .send(renderReconciliationCsv(report));
      }
      return reply.type('application/json; charset=utf-8').send(renderReconciliationJson(report));
    },
  );
}
