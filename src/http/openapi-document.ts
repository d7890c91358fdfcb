import { componentSchemas, page } from './openapi-schemas.js';
import type { OpenApiDocument, Operation, Parameter, Response } from './openapi-types.js';

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
    schemas: componentSchemas,
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
