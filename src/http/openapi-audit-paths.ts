import type { JsonSchema, Parameter, PathItem, Response } from './openapi-types.js';

const errorBody = { $ref: '#/components/schemas/Error' };
const common = {
  '400': { $ref: '#/components/responses/InvalidRequest' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': { $ref: '#/components/responses/Forbidden' },
};

function json(description: string, schema: JsonSchema): Response {
  return { description, content: { 'application/json': { schema } } };
}

function query(name: string, description: string, schema: JsonSchema): Parameter {
  return { name, in: 'query', required: false, description, schema };
}

const trueOrFalse: JsonSchema = { type: 'string', enum: ['true', 'false'], default: 'false' };
const location = query('location', 'only this location handle', { type: 'string' });

const lineError: JsonSchema = {
  type: 'object',
  properties: {
    line: { type: 'integer', description: '1-based line in the file; the header is line 1' },
    reason: { type: 'string', description: 'e.g. unknown_sku, negative_count, invalid_counted_at' },
    detail: { type: 'string', description: 'what was seen and what was expected' },
  },
  required: ['line', 'reason', 'detail'],
};

const countImport: JsonSchema = {
  type: 'object',
  properties: {
    importId: { type: 'string' },
    importedAt: { type: 'string', format: 'date-time' },
    lines: { type: 'integer', description: 'data lines read' },
    goodLines: { type: 'integer' },
    badLines: { type: 'integer' },
    errors: { type: 'array', items: lineError, description: 'the bad lines (the first 1000)' },
    errorsTruncated: { type: 'boolean' },
    ignoredColumns: { type: 'array', items: { type: 'string' } },
    summary: {
      type: 'object',
      description:
        'reconciled as of each count: counts, unreconciled, systemUnits, ' +
        'countedUnits, ghostUnits, foundUnits',
      additionalProperties: { type: 'integer' },
    },
  },
  required: ['importId', 'importedAt', 'lines', 'goodLines', 'badLines', 'errors', 'summary'],
};

/** The audit's routes, merged into the OpenAPI document's paths. */
export const auditPaths: Record<string, PathItem> = {
  '/v1/counts': {
    post: {
      operationId: 'importCounts',
      summary: 'Import a cycle-count CSV, streamed, reconciled as of each count',
      description:
        'Columns: location, sku and/or barcode (or sku_or_barcode), counted_quantity, ' +
        'counted_at (ISO-8601 with an offset or Z), optional counter and area. Any size. A ' +
        'file with bad rows is refused whole (422 count_rows_rejected, each row with its line ' +
        'number and reason) unless keepGoodRows=true. Needs scope write.',
      tags: ['audit'],
      parameters: [
        query('keepGoodRows', 'import the good rows of a file that has bad ones', trueOrFalse),
        query('name', 'a name for the upload, kept with the import', { type: 'string' }),
      ],
      requestBody: {
        required: true,
        content: { 'text/csv': { schema: { type: 'string' } } },
      },
      responses: {
        ...common,
        '201': json(
          'imported and reconciled (bad rows listed when keepGoodRows=true)',
          countImport,
        ),
        '415': json('the body is not text/csv (unsupported_media_type)', errorBody),
        '422': json(
          'bad rows, nothing imported (count_rows_rejected); no or a bad header (invalid_count_file)',
          errorBody,
        ),
      },
    },
  },
  '/v1/reports/audit': {
    get: {
      operationId: 'auditReport',
      summary: 'Drift %, ghost and found units with their value, per store, category and chain',
      description:
        'Each count against the system as of its own instant; counts that late events made ' +
        'stale are reopened first. Stores over the threshold are flagged; the worst items ' +
        'carry likely causes from the ledger. Needs scope read.',
      tags: ['audit'],
      parameters: [
        query('format', 'json (default), csv or html (with charts)', {
          type: 'string',
          enum: ['json', 'csv', 'html'],
          default: 'json',
        }),
        query('table', 'for csv: drift (chain, stores, categories) or items (worst items)', {
          type: 'string',
          enum: ['drift', 'items'],
          default: 'drift',
        }),
        query('threshold', 'flag stores above this drift % (default 3)', {
          type: 'string',
          pattern: '^\\d{1,3}(\\.\\d{1,4})?$',
        }),
        location,
      ],
      responses: {
        ...common,
        '200': {
          description: 'the audit report',
          content: {
            'application/json': { schema: { type: 'object' } },
            'text/csv': { schema: { type: 'string' } },
            'text/html': { schema: { type: 'string' } },
          },
        },
      },
    },
  },
  '/v1/audits/corrections': {
    post: {
      operationId: 'correctCounts',
      summary: 'Count corrections: a dry run listing each change, or applied with confirm=true',
      description:
        'Each correction is the count variance (counted − system as of the count) less what ' +
        'was corrected since, applied as a delta to a freshly read level so sales after the ' +
        'count are kept: managed stores through Shopify inventoryAdjustQuantities, warehouses ' +
        'to the ERP. Each import at a location goes whole or not at all; a group that cannot ' +
        'go at all stops the run before anything is sent. Needs scope write.',
      tags: ['audit'],
      parameters: [
        query('confirm', 'apply the changes; without it, a dry run', trueOrFalse),
        query('importId', 'only this import', { type: 'string' }),
        location,
      ],
      responses: {
        ...common,
        '200': json('the plan (dry run), or the outcome of each group once applied', {
          type: 'object',
          properties: {
            confirmed: { type: 'boolean' },
            plan: { type: 'object', description: 'groups of changes, each with its delta' },
            outcomes: { type: 'array', items: { type: 'object' } },
          },
          required: ['confirmed', 'plan'],
        }),
        '409': json('a group did not go through (corrections_not_applied)', errorBody),
      },
    },
  },
};
