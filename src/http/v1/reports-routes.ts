import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { createNetSuiteFromConfig } from '../../engine/erp/create-netsuite-from-config.js';
import { SuiteQlImportedOrders } from '../../engine/erp/imported-orders.js';
import { reconcileNetSuite } from '../../reports/reconcile/reconcile-netsuite.js';
import {
  renderReconciliationCsv,
  renderReconciliationJson,
} from '../../reports/reconcile/render-reconciliation.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import { parseQuery } from '../parse-query.js';
import { oneOfParam } from '../query-params.js';

export const netsuiteReconciliationQuery = z.strictObject({
  format: oneOfParam(['json', 'csv']).optional(),
});

/**
 * `GET /v1/reports/netsuite-reconciliation`: Shopify against NetSuite per item and location,
 * each difference classified. NetSuite's side is what the poller last stored; the booked-order
 * lookup asks NetSuite itself. The client is built once, so an M2M token serves many requests.
 */
export function registerReportsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const netsuite = createNetSuiteFromConfig(ctx.config, { clock: ctx.clock, logger: ctx.logger });

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

      const report = await reconcileNetSuite(ctx.storage, {
        clock: ctx.clock,
        importedOrders: new SuiteQlImportedOrders(netsuite.client.suiteQl),
        connector: netsuite.connector,
        lookbackHours: netsuite.lookbackHours,
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
