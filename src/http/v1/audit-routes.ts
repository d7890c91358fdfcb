import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import {
  applyCorrections,
  buildAuditReport,
  planCorrections,
  renderAuditCsv,
  renderAuditHtml,
  renderAuditJson,
} from '../../reports/audit/index.js';
import { correctionTargets } from '../../reports/audit/correction-targets.js';
import type { CorrectionTargets } from '../../reports/audit/correction-targets.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import { parseQuery } from '../parse-query.js';
import { oneOfParam, textParam } from '../query-params.js';

const percentExpected = 'a percentage from 0 to 100, e.g. 3 or 2.5';

export const auditReportQuery = z.strictObject({
  format: oneOfParam(['json', 'csv', 'html']).optional(),
  table: oneOfParam(['drift', 'items']).optional(),
  threshold: z
    .string({ error: percentExpected })
    .regex(/^\d{1,3}(\.\d{1,4})?$/, { error: percentExpected })
    .transform(Number)
    .pipe(z.number().max(100, { error: percentExpected }))
    .optional(),
  location: textParam('a location handle', 128).optional(),
});

export const correctionsQuery = z.strictObject({
  confirm: oneOfParam(['true', 'false']).optional(),
  importId: textParam('an import id').optional(),
  location: textParam('a location handle', 128).optional(),
});

/**
 * The audit over HTTP. `GET /v1/reports/audit` (read): drift per store, category and chain
 * against the system as of each count, as JSON, CSV (`table=drift|items`) or HTML with charts.
 * `POST /v1/audits/corrections` (write): a dry run listing each change; with `?confirm=true`
 * the changes are applied, each import at a location whole or not at all (409
 * `corrections_not_applied` names the group that did not go through and what was applied).
 */
export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  let targets: CorrectionTargets | null = null;
  // Built on first use: a server without Shopify credentials still serves the report.
  const targetsOf = () =>
    (targets ??= correctionTargets(ctx.config, {
      storage: ctx.storage,
      metrics: ctx.metrics,
      logger: ctx.logger,
      clock: ctx.clock,
      shopify: ctx.shopify,
      netsuite: ctx.netsuite,
    }));

  app.get('/reports/audit', { config: { scope: 'read' } }, async (request, reply) => {
    const query = parseQuery(auditReportQuery, request.query);
    // Reopening counts that late events made stale happens here too: the report never shows
    // a figure the ledger has since moved.
    const report = await buildAuditReport(ctx.storage, {
      clock: ctx.clock,
      ...(query.threshold === undefined ? {} : { thresholdPercent: query.threshold }),
      ...(query.location === undefined ? {} : { location: query.location }),
    });

    if (query.format === 'csv') {
      const table = query.table ?? 'drift';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${table}.csv"`)
        .send(renderAuditCsv(report, table));
    }
    if (query.format === 'html') {
      return reply.type('text/html; charset=utf-8').send(renderAuditHtml(report));
    }
    return reply.type('application/json; charset=utf-8').send(renderAuditJson(report));
  });

  app.post('/audits/corrections', { config: { scope: 'write' } }, async (request) => {
    const query = parseQuery(correctionsQuery, request.query);
    const filter = {
      clock: ctx.clock,
      ...(query.importId === undefined ? {} : { importId: query.importId }),
      ...(query.location === undefined ? {} : { location: query.location }),
    };

    if (query.confirm !== 'true') {
      return { confirmed: false, plan: await planCorrections(ctx.storage, filter) };
    }

    const result = await applyCorrections(ctx.storage, { ...filter, ...targetsOf() });
    request.log.info(
      {
        client: request.client?.name,
        outcomes: result.outcomes.map((o) => `${o.locationHandle}:${o.status}`),
      },
      'count corrections applied',
    );
    if (!result.ok) {
      const failed = result.outcomes.find(
        (o) => o.status !== 'applied' && o.status !== 'skipped_shadow_mode',
      );
      throw new TrueshelfError(
        'corrections_not_applied',
        `the corrections of import ${failed?.importId ?? '?'} at ${failed?.locationHandle ?? '?'} ` +
          `did not go through (${failed?.status ?? 'failed'}: ${failed?.detail ?? 'no detail'}); ` +
          'groups before it stay applied, later ones were not attempted',
        { outcomes: result.outcomes, resumed: result.resumed },
      );
    }
    return {
      confirmed: true,
      resumed: result.resumed,
      outcomes: result.outcomes,
      plan: result.plan,
    };
  });
}
