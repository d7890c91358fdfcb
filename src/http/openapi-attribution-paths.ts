import type { JsonSchema, Parameter, PathItem } from './openapi-types.js';

const common = {
  '400': { $ref: '#/components/responses/InvalidRequest' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': { $ref: '#/components/responses/Forbidden' },
};

function query(name: string, description: string, schema: JsonSchema, required = false): Parameter {
  return { name, in: 'query', required, description, schema };
}

const day: JsonSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const minor: JsonSchema = { type: 'integer', description: 'minor units (cents) of `currency`' };
const totals: Record<string, JsonSchema> = {
  currency: { type: 'string' },
  saleCredit: minor,
  fulfilmentCredit: minor,
  reversedSale: minor,
  reversedFulfilment: minor,
  orders: { type: 'integer' },
};
const group = (extra: Record<string, JsonSchema>): JsonSchema => ({
  type: 'array',
  items: { type: 'object', properties: { ...extra, ...totals } },
});

/** `src/reports/attribution/attribution-report.ts` as JSON Schema. */
const attributionReport: JsonSchema = {
  type: 'object',
  properties: {
    generatedAt: { type: 'string', format: 'date-time' },
    from: day,
    to: day,
    ecommerceTimeZone: { type: 'string' },
    currencies: { type: 'array', items: { type: 'string' } },
    totals: group({}),
    stores: group({
      store: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      timeZone: { type: 'string' },
    }),
    associates: group({ staffId: { type: ['string', 'null'] }, store: { type: 'string' } }),
    channels: group({ channel: { type: 'string', enum: ['pos', 'online'] } }),
    classes: group({ class: { type: 'string' }, channel: { type: 'string' } }),
    days: group({ day, store: { type: 'string' }, timeZone: { type: 'string' } }),
    presentment: group({ channel: { type: 'string' } }),
    rows: {
      type: 'array',
      description: 'one per store-local day, store, channel, class, credit, party and associate',
      items: { type: 'object' },
    },
  },
  required: ['generatedAt', 'from', 'to', 'currencies', 'totals', 'stores', 'associates', 'rows'],
};

/** The attribution report's route, merged into the OpenAPI document's paths. */
export const attributionPaths: Record<string, PathItem> = {
  '/v1/reports/attribution': {
    get: {
      operationId: 'attributionReport',
      summary:
        'Who earned each sale and each fulfilment, by store, associate, channel, class and day',
      description:
        'Sale credit to the selling store and its associate (e-commerce online), fulfilment ' +
        'credit to the fulfilling location, per the credit rules, net of refunds and ' +
        "cancellations. Days are counted in each store's time zone. Needs scope read.",
      tags: ['read'],
      parameters: [
        query('from', 'first day, YYYY-MM-DD', day, true),
        query('to', 'last day, YYYY-MM-DD, inclusive (at most 366 days)', day, true),
        query('format', 'json (default), csv (one row per group) or html (charts)', {
          type: 'string',
          enum: ['json', 'csv', 'html'],
          default: 'json',
        }),
      ],
      responses: {
        ...common,
        '200': {
          description: 'the report',
          content: {
            'application/json': { schema: attributionReport },
            'text/csv': { schema: { type: 'string' } },
            'text/html': { schema: { type: 'string' } },
          },
        },
      },
    },
  },
};
