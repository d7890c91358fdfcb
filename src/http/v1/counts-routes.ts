import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import { countFileFault, importCounts } from '../../sources/counts/index.js';
import type { CountImportResult } from '../../sources/counts/index.js';
import { parseQuery } from '../parse-query.js';
import { oneOfParam, textParam } from '../query-params.js';

export const countsQuery = z.strictObject({
  keepGoodRows: oneOfParam(['true', 'false']).optional(),
  name: textParam('a name for the upload, kept with the import').optional(),
});

const CSV_TYPES = ['text/csv', 'application/csv'];

/**
 * `POST /v1/counts` (write): a cycle-count CSV as the body, streamed into the import line by
 * line, so a file of any size costs one chunk and one batch of memory. The checks are the
 * CLI's (`importCounts`): a file with bad rows is refused whole with each row's line number
 * and reason (422 `count_rows_rejected`) unless `?keepGoodRows=true`, which imports the rest
 * and still lists the bad rows.
 */
export function registerCountsRoutes(app: FastifyInstance, ctx: AppContext): void {
  // The raw request stream, not a buffered body: no size limit applies, by design (a
  // wall-to-wall count of a chain is hundreds of megabytes). The import bounds each line.
  app.addContentTypeParser(CSV_TYPES, (_request, payload, done) => done(null, payload));

  app.post('/counts', { config: { scope: 'write' } }, async (request, reply) => {
    const query = parseQuery(countsQuery, request.query);
    if (!(request.body instanceof Readable)) {
      throw new TrueshelfError(
        'unsupported_media_type',
        `the body is ${request.headers['content-type'] ?? 'untyped'}; expected a count CSV`,
        { seen: request.headers['content-type'] ?? null, expected: 'text/csv' },
      );
    }

    const keepGoodRows = query.keepGoodRows === 'true';
    const result = await importCounts(ctx.storage, request.body, {
      clock: ctx.clock,
      keepGoodRows,
      sourceName: query.name ?? `upload by ${request.client?.name ?? 'anonymous'}`,
    });
    logImport(request.log, result);
    return reply.status(201).send(acceptedBody(refuseUnlessAccepted(result, keepGoodRows)));
  });
}

type Accepted = Extract<CountImportResult, { ok: true }>;

function refuseUnlessAccepted(result: CountImportResult, keepGoodRows: boolean): Accepted {
  if (result.ok) return result;

  switch (result.reason) {
    case 'empty_file':
    case 'invalid_header':
      throw countFileFault(result);
    case 'rows_rejected': {
      const first = result.errors[0];
      throw new TrueshelfError(
        'count_rows_rejected',
        `${result.badLines} of ${result.lines} lines are bad, so nothing was imported` +
          (first ? ` (first: line ${first.line}, ${first.reason}: ${first.detail})` : '') +
          (keepGoodRows ? '' : '; fix them, or send ?keepGoodRows=true to import the rest'),
        {
          importId: result.importId,
          lines: result.lines,
          goodLines: result.goodLines,
          badLines: result.badLines,
          errors: result.errors,
          errorsTruncated: result.errorsTruncated,
          ignoredColumns: result.ignoredColumns,
        },
      );
    }
  }
}

function acceptedBody(result: Accepted) {
  return {
    importId: result.importId,
    importedAt: result.importedAt,
    lines: result.lines,
    goodLines: result.goodLines,
    badLines: result.badLines,
    errors: result.errors,
    errorsTruncated: result.errorsTruncated,
    ignoredColumns: result.ignoredColumns,
    summary: result.summary,
  };
}

function logImport(log: { info: (obj: object, msg: string) => void }, result: CountImportResult) {
  if (!('importId' in result)) return;
  log.info(
    { importId: result.importId, lines: result.lines, badLines: result.badLines, ok: result.ok },
    'count file imported',
  );
}
