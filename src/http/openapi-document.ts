import { attributionPaths } from './openapi-attribution-paths.js';
import { auditPaths } from './openapi-audit-paths.js';
import { buffersPaths } from './openapi-buffers-paths.js';
import { componentSchemas, page } from './openapi-schemas.js';
import type {
  JsonSchema,
  OpenApiDocument,
  Operation,
  Parameter,
  PathItem,
  Response,
} from './openapi-types.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

function json(description: string, schema: object): Response {
  return { description, content: { 'application/json': { schema } } };
}

function query(name: string, description: string, schema: Parameter['schema']): Parameter {
  return { name, in: 'query', required: false, description, schema };
}

function path(name: string, description: string): Parameter {
  return { name, in: 'path', required: true, description, schema: { type: 'string' } };
}

const limit = (byDefault: number, max: number) =>
  query('limit', `rows per page (default ${byDefault})`, {
    type: 'integer',
    minimum: 1,
    maximum: max,
    default: byDefault,
  });
const cursor = query('cursor', 'the `nextCursor` of the previous page', { type: 'string' });
const sku = query('sku', 'exact SKU; may match several items', { type: 'string', minLength: 1 });
const item = query('item', 'an item id', { type: 'string', minLength: 1 });
const location = query('location', 'a location handle', { type: 'string', minLength: 1 });

/** Every authenticated read answers these besides its 200. */
const readErrors = {
  '400': errorRef('InvalidRequest'),
  '401': errorRef('Unauthorized'),
  '403': errorRef('Forbidden'),
};

function read(operation: Omit<Operation, 'tags'> & { tags?: string[] }): Operation {
  return {
    tags: ['read'],
    ...operation,
    description: `${operation.description ?? ''} Needs scope read.`.trim(),
    responses: { ...readErrors, ...operation.responses },
  };
}

function replay(operationId: string, summary: string, row: string, key: string): Operation {
  return {
    operationId,
    summary,
    description: 'Needs scope admin.',
    tags: ['operations'],
    responses: {
      '200': json('handed back', {
        type: 'object',
        properties: { [key]: ref(row) },
        required: [key],
      }),
      '401': errorRef('Unauthorized'),
      '403': errorRef('Forbidden'),
      '404': json('no such row (not_found)', ref('Error')),
      '409': json('the row is not parked (not_replayable)', ref('Error')),
    },
  };
}

/** Every authenticated change answers these besides its own. */
const writeErrors = {
  '400': errorRef('InvalidRequest'),
  '401': errorRef('Unauthorized'),
  '403': errorRef('Forbidden'),
};

function write(operation: Omit<Operation, 'tags'>): Operation {
  return {
    tags: ['holds'],
    ...operation,
    description: `${operation.description ?? ''} Needs scope write.`.trim(),
    responses: { ...writeErrors, ...operation.responses },
  };
}

const holdId = path('id', 'the hold id');
const holdAnswer = json('the hold as it now stands', ref('Hold'));
const noHold = json('no such hold (not_found)', ref('Error'));
const wrongStatus = json("the hold's status does not allow it (conflict)", ref('Error'));

function holdChange(operationId: string, summary: string, description: string): PathItem {
  return {
    post: write({
      operationId,
      summary,
      description,
      parameters: [holdId],
      responses: { '200': holdAnswer, '404': noHold, '409': wrongStatus },
    }),
  };
}

const text: JsonSchema = { type: 'string' };
const nullableText: JsonSchema = { type: ['string', 'null'] };
const instant: JsonSchema = { type: 'string', format: 'date-time' };
const nullableInstant: JsonSchema = { type: ['string', 'null'], format: 'date-time' };

function shape(properties: Record<string, JsonSchema>, description?: string): JsonSchema {
  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/** The holds' row shapes, beside the spine's `componentSchemas`. */
const holdSchemas: Record<string, JsonSchema> = {
  Hold: shape(
    {
      id: text,
      cartId: text,
      status: {
        type: 'string',
        enum: ['active', 'checkout', 'converted', 'released', 'expired'],
        description: 'as of now: an active hold whose expiresAt has come shows expired',
      },
      expiresAt: { ...instant, description: 'UTC; the hold has expired at this instant' },
      graceUntil: {
        ...nullableInstant,
        description: 'while checkout: until when an order converts it',
      },
      orderId: nullableText,
      endReason: {
        ...nullableText,
        description: 'released, ttl, checkout_grace, order or api_convert',
      },
      createdAt: instant,
      updatedAt: instant,
      endedAt: nullableInstant,
      lines: {
        type: 'array',
        description: "one per item and location, the request's lines for it summed",
        items: shape({
          item: text,
          sku: nullableText,
          location: text,
          quantity: { type: 'integer', minimum: 1 },
        }),
      },
    },
    'a time-limited claim on units at a store for one cart',
  ),
  Pickup: shape({
    orderId: text,
    orderName: nullableText,
    location: nullableText,
    holdId: nullableText,
    orderedAt: instant,
    readyAt: { ...nullableInstant, description: 'when Shopify marked the items prepared' },
    cancelledAt: nullableInstant,
    cancelReason: { ...nullableText, description: "Shopify's reason, lower case (inventory, ...)" },
    ageSeconds: { type: 'integer' },
    dueAt: { ...nullableInstant, description: "orderedAt + the store's pickup time" },
    overdue: { type: 'boolean' },
    lines: {
      type: 'array',
      items: shape({ item: nullableText, quantity: { type: 'integer' } }),
    },
  }),
  Alert: shape({
    id: text,
    kind: { type: 'string', enum: ['sold_from_under_hold', 'order_after_hold_expired'] },
    location: text,
    item: text,
    sku: nullableText,
    holdIds: { type: 'array', items: text },
    orderId: nullableText,
    unitsShort: { type: 'integer' },
    message: text,
    raisedAt: instant,
    resolvedAt: { ...nullableInstant, description: 'when gross covered the holds again' },
  }),
};

const holdLineInput: JsonSchema = {
  type: 'object',
  description: 'exactly one of item or sku',
  properties: {
    item: { type: 'string', minLength: 1, maxLength: 255 },
    sku: { type: 'string', minLength: 1, maxLength: 255 },
    location: { type: 'string', minLength: 1, maxLength: 128 },
    quantity: { type: 'integer', minimum: 1, maximum: 10000 },
  },
  required: ['location', 'quantity'],
  additionalProperties: false,
};

/** The NetSuite reconciliation's shapes (`src/reports/reconcile/reconciliation-report.ts`). */
const differenceClassSchema: JsonSchema = {
  type: 'string',
  enum: [
    'in_flight',
    'missed_signal',
    'not_yet_imported',
    'count_correction_not_posted',
    'unexplained',
  ],
};
const units: JsonSchema = { type: 'number' };
const nullableInteger: JsonSchema = { type: ['integer', 'null'] };
const classTotal = shape({
  units,
  absoluteUnits: units,
  valueCents: { type: 'integer' },
  absoluteValueCents: { type: 'integer' },
  unvaluedUnits: units,
});
const reportSchemas: Record<string, JsonSchema> = {
  NetSuiteReconciliation: shape({
    generatedAt: instant,
    shopifySource: { type: 'string', enum: ['fresh_read', 'mirror'] },
    netsuiteMeaning: { type: 'string', const: 'absolute_on_hand' },
    lines: {
      type: 'array',
      description: 'only levels with at least one difference',
      items: shape({
        locationHandle: text,
        netsuiteLocationId: text,
        itemId: text,
        sku: nullableText,
        netsuiteItemId: text,
        mirrorOnHand: units,
        shopifyOnHand: { type: ['number', 'null'] },
        netsuiteOnHand: units,
        netsuiteReadAt: nullableText,
        costCents: nullableInteger,
        differences: {
          type: 'array',
          items: shape({
            class: differenceClassSchema,
            units,
            valueCents: nullableInteger,
            refs: { type: 'array', items: text },
          }),
        },
      }),
    },
    totals: {
      type: 'array',
      description: 'one per location with a NetSuite id',
      items: shape({
        locationHandle: text,
        netsuiteLocationId: text,
        levelsCompared: { type: 'integer' },
        levelsDiffering: { type: 'integer' },
        byClass: shape({
          in_flight: classTotal,
          missed_signal: classTotal,
          not_yet_imported: classTotal,
          count_correction_not_posted: classTotal,
          unexplained: classTotal,
        }),
      }),
    },
    unmatchedNetSuiteItems: {
      type: 'array',
      items: shape({ netsuiteItemId: text, itemid: nullableText, reason: text }),
    },
  }),
};

function body(schema: JsonSchema, required = true): Operation['requestBody'] {
  return { required, content: { 'application/json': { schema } } };
}

/**
 * The OpenAPI 3.1 description of trueshelf's HTTP API. A test checks that every route the server
 * registers is described here, and that each query schema's parameters are the ones listed.
 */
export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'trueshelf',
    version: '1',
    description:
      'What each location can really sell, item by item, and the inbox and outbox behind it. ' +
      'Errors answer `{ error: { code, message, details } }` with a code from the catalogue.',
  },
  security: [{ bearer: [] }],
  paths: {
    '/v1/locations': {
      get: read({
        operationId: 'listLocations',
        summary: 'The location registry',
        responses: {
          '200': json('locations by handle', {
            type: 'object',
            properties: { locations: { type: 'array', items: ref('Location') } },
            required: ['locations'],
          }),
        },
      }),
    },
    '/v1/items': {
      get: read({
        operationId: 'listItems',
        summary: 'Items by id, optionally one SKU (deleted items left out)',
        parameters: [sku, limit(100, 500), cursor],
        responses: { '200': json('a page of items', page('items', 'Item')) },
      }),
    },
    '/v1/availability': {
      get: read({
        operationId: 'listAvailability',
        summary: 'Levels with their states, buffer, holds and sellable',
        parameters: [sku, location, item, limit(500, 5000), cursor],
        responses: {
          '200': json('a page of levels by item and location', page('levels', 'Level')),
          '404': json(
            'unknown location handle or item id (unknown_location, unknown_item)',
            ref('Error'),
          ),
        },
      }),
    },
    '/v1/movements': {
      get: read({
        operationId: 'listMovements',
        summary: 'Ledger movements, newest first',
        parameters: [item, location, limit(100, 1000), cursor],
        responses: {
          '200': json('a page of movements', page('movements', 'Movement')),
          '404': json('unknown location handle or item id', ref('Error')),
        },
      }),
    },
    '/v1/deliveries': {
      get: read({
        operationId: 'listDeliveries',
        summary: 'Stored webhook deliveries, newest first (without bodies)',
        parameters: [
          query('status', 'only deliveries in this status', {
            type: 'string',
            enum: ['unprocessable', 'pending', 'applied', 'ignored'],
          }),
          limit(100, 500),
          cursor,
        ],
        responses: { '200': json('a page of deliveries', page('deliveries', 'Delivery')) },
      }),
    },
    '/v1/deliveries/{id}/replay': {
      post: {
        ...replay(
          'replayDelivery',
          'Hand an unprocessable delivery back to the processor',
          'Delivery',
          'delivery',
        ),
        parameters: [path('id', 'the delivery id')],
      },
    },
    '/v1/outbox': {
      get: read({
        operationId: 'listOutbox',
        summary: 'Outbox rows by channel, item and location',
        parameters: [
          query('status', 'only rows in this status', {
            type: 'string',
            enum: ['parked', 'pending'],
          }),
          query('channel', 'only this channel', { type: 'string', minLength: 1 }),
          limit(100, 1000),
          cursor,
        ],
        responses: { '200': json('a page of outbox rows', page('outbox', 'OutboxRow')) },
      }),
    },
    '/v1/outbox/{channel}/{item}/{location}/replay': {
      post: {
        ...replay(
          'replayPush',
          'Hand a parked push back to the workers (attempts reset)',
          'OutboxRow',
          'outbox',
        ),
        parameters: [
          path('channel', 'channel'),
          path('item', 'item id'),
          path('location', 'location handle'),
        ],
      },
    },
    '/v1/holds': {
      post: write({
        operationId: 'placeHold',
        summary: "Hold units for a cart (or replace the cart's hold)",
        description:
          'All lines or none; lines for the same item and location are summed before the ' +
          'check. A cart has one live hold: holding again replaces its lines (its own units ' +
          'count for it) and resets its expiry. The same Idempotency-Key with the same body ' +
          'answers the same hold again (header Idempotent-Replayed).',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            description: 'one per distinct request, e.g. a UUID; kept per client',
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ],
        requestBody: body({
          type: 'object',
          properties: {
            cartId: { type: 'string', minLength: 1, maxLength: 255 },
            lines: { type: 'array', description: '1 to 100 lines', items: holdLineInput },
            ttlSeconds: { type: 'integer', minimum: 1, description: 'default from the policy' },
          },
          required: ['cartId', 'lines'],
          additionalProperties: false,
        }),
        responses: {
          '201': json('the hold placed (or replayed)', ref('Hold')),
          '404': json(
            'unknown item, SKU or location (unknown_item, unknown_location)',
            ref('Error'),
          ),
          '409': json(
            'short (insufficient_stock; details.lines names each short line and what is ' +
              'sellable now), a SKU of several items (ambiguous_sku), or a warehouse (conflict)',
            ref('Error'),
          ),
          '422': json(
            'the key was used with another body (idempotency_mismatch), or the hold policy ' +
              'offers no hold for a line (hold_not_offered; details.lines gives reason and why)',
            ref('Error'),
          ),
        },
      }),
      get: read({
        operationId: 'listHolds',
        summary: 'Holds newest first, by cart, location or status',
        parameters: [
          query('cart', 'a cart id', { type: 'string', minLength: 1 }),
          location,
          query('status', 'stored status', {
            type: 'string',
            enum: ['active', 'checkout', 'converted', 'released', 'expired'],
          }),
          limit(100, 500),
          cursor,
        ],
        responses: { '200': json('a page of holds', page('holds', 'Hold')) },
      }),
    },
    '/v1/holds/{id}': {
      get: read({
        operationId: 'getHold',
        summary: 'One hold',
        parameters: [holdId],
        responses: { '200': holdAnswer, '404': noHold },
      }),
    },
    '/v1/holds/{id}/extend': {
      post: {
        ...write({
          operationId: 'extendHold',
          summary: 'Set an active hold to expire ttlSeconds from now',
          parameters: [holdId],
          requestBody: body({
            type: 'object',
            properties: { ttlSeconds: { type: 'integer', minimum: 1 } },
            required: ['ttlSeconds'],
            additionalProperties: false,
          }),
          responses: { '200': holdAnswer, '404': noHold, '409': wrongStatus },
        }),
      },
    },
    '/v1/holds/{id}/release': holdChange(
      'releaseHold',
      'Release a hold (releasing twice changes nothing)',
      'The units go back to sale at once.',
    ),
    '/v1/holds/{id}/checkout': holdChange(
      'checkoutHold',
      "The holder goes to Shopify's checkout",
      "The units go back to Shopify's available (a reserved unit blocks its own holder too) " +
        'and the hold waits for the order that carries the cart for the grace period.',
    ),
    '/v1/holds/{id}/convert': {
      post: write({
        operationId: 'convertHold',
        summary: 'A storefront with its own checkout sold the held units',
        parameters: [holdId],
        requestBody: body(
          {
            type: 'object',
            properties: { orderId: { type: 'string', pattern: '^\\d{1,20}$' } },
            additionalProperties: false,
          },
          false,
        ),
        responses: { '200': holdAnswer, '404': noHold, '409': wrongStatus },
      }),
    },
    '/v1/pickups': {
      get: read({
        operationId: 'listPickups',
        summary: 'Pickup orders, oldest first, with their age against the pickup time',
        parameters: [
          location,
          query('status', 'open (default) or cancelled', {
            type: 'string',
            enum: ['open', 'cancelled'],
          }),
          limit(100, 1000),
        ],
        responses: {
          '200': json('pickup orders', {
            type: 'object',
            properties: { pickups: { type: 'array', items: ref('Pickup') } },
            required: ['pickups'],
          }),
          '404': json('unknown location handle (unknown_location)', ref('Error')),
        },
      }),
    },
    '/v1/alerts': {
      get: read({
        operationId: 'listAlerts',
        summary: 'Held units sold from under a pickup, newest first',
        parameters: [
          location,
          query('open', 'only alerts whose shortfall lasts', {
            type: 'string',
            enum: ['true', 'false'],
          }),
          limit(100, 1000),
        ],
        responses: {
          '200': json('alerts', {
            type: 'object',
            properties: { alerts: { type: 'array', items: ref('Alert') } },
            required: ['alerts'],
          }),
          '404': json('unknown location handle (unknown_location)', ref('Error')),
        },
      }),
    },
    ...auditPaths,
    ...buffersPaths,
    ...attributionPaths,
    '/v1/reports/netsuite-reconciliation': {
      get: read({
        operationId: 'reconcileNetSuite',
        summary:
          "Shopify's on hand against NetSuite's per item and location, each difference classified",
        description:
          "NetSuite's side is what the poller last stored (`trueshelf reconcile netsuite --poll` " +
          'reads it afresh); the mirror stands in for Shopify. Asks NetSuite which orders it booked.',
        parameters: [
          query('format', 'json (default) or csv: one row per difference', {
            type: 'string',
            enum: ['json', 'csv'],
            default: 'json',
          }),
        ],
        responses: {
          '200': {
            description: 'the reconciliation',
            content: {
              'application/json': { schema: ref('NetSuiteReconciliation') },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          '404': json('NetSuite is not configured (not_found)', ref('Error')),
        },
      }),
    },
    '/healthz': {
      get: {
        operationId: 'health',
        summary: 'Liveness and database reachability (no token)',
        tags: ['probes'],
        security: [],
        responses: {
          '200': json('healthy', {
            type: 'object',
            properties: { status: { const: 'ok' }, db: { const: 'ok' } },
          }),
          '503': json('the database does not answer', { type: 'object' }),
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'metrics',
        summary: 'Prometheus metrics (no token)',
        tags: ['probes'],
        security: [],
        responses: {
          '200': {
            description: 'Prometheus text format',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'openApi',
        summary: 'This document (no token)',
        tags: ['probes'],
        security: [],
        responses: { '200': json('OpenAPI 3.1', { type: 'object' }) },
      },
    },
    '/webhooks/shopify': {
      post: {
        operationId: 'shopifyWebhook',
        summary: 'Shopify webhook deliveries, verified by X-Shopify-Hmac-Sha256 (no token)',
        description: 'A signed delivery is stored and answered 200 whatever it holds.',
        tags: ['inbox'],
        security: [],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        responses: {
          '200': json('stored (or a duplicate of one stored)', {
            type: 'object',
            properties: { ok: { const: true } },
          }),
          '401': json('missing or bad signature (invalid_signature); nothing stored', ref('Error')),
          '413': json('body over the size limit (payload_too_large)', ref('Error')),
          '503': json('could not store (storage_failure); Shopify retries', ref('Error')),
        },
      },
    },
  },
  components: {
    schemas: { ...componentSchemas, ...holdSchemas, ...reportSchemas },
    responses: {
      InvalidRequest: json('a bad query (invalid_request), naming the parameter', ref('Error')),
      Unauthorized: json('no token or an unknown one (unauthorized)', ref('Error')),
      Forbidden: json('the token lacks the scope (forbidden)', ref('Error')),
    },
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'a named client token from the config',
      },
    },
  },
};
