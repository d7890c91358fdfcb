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

function query(name: string, description: string, required = false): Parameter {
  return { name, in: 'query', required, description, schema: { type: 'string', minLength: 1 } };
}

const count: JsonSchema = { type: 'integer' };
const nullableCount: JsonSchema = { type: ['integer', 'null'] };
const nullableInstant: JsonSchema = { type: ['string', 'null'], format: 'date-time' };

const explanation: JsonSchema = {
  type: 'object',
  description: 'every number behind one level’s sellable, with the reasons',
  properties: {
    itemId: { type: 'string' },
    sku: { type: ['string', 'null'] },
    category: { type: ['string', 'null'] },
    location: { type: 'string' },
    timeZone: { type: ['string', 'null'] },
    quantities: {
      type: 'object',
      description: "Shopify's states as last read",
      additionalProperties: count,
    },
    placed: {
      type: 'object',
      description: 'what trueshelf itself placed in safety_stock and reserved',
      properties: { safetyStock: count, reserved: count },
    },
    gross: nullableCount,
    held: nullableCount,
    buffer: { ...nullableCount, description: 'the buffer the stored decision used' },
    sellable: nullableCount,
    decidedAt: nullableInstant,
    bufferSource: {
      type: 'string',
      enum: ['computed', 'location_setting'],
      description: "a buffer computed from velocity and the rules, or the location's bufferUnits",
    },
    velocity: {
      type: 'object',
      description:
        'unitsPerDay, source (history, category_default, chain_default, floor), reason, window ' +
        '{firstDay, lastDay, timeZone}, countedRanges [{firstDay, lastDay}] (the days that ' +
        'counted), daysInWindow, daysCounted, daysNotTracked (before history), daysLeftOut, ' +
        'daysExcludedOutOfStock, daysPartlyOutOfStock, units, unitsSold, unitsRefunded; or ' +
        '{unavailable: no_time_zone | invalid_time_zone}',
    },
    rule: {
      type: 'object',
      description: 'the rule that matched: scope, id, policy, and the reason it won',
      properties: {
        scope: { type: 'string' },
        id: { type: 'string' },
        reason: { type: 'string' },
        policy: { type: 'object' },
      },
    },
    storeLoss: {
      type: ['object', 'null'],
      description:
        "the store's observed shrink and count variance from its cycle counts: countedItems, " +
        'minCountedItems, ghostUnits, unitsSold, shrinkRate, ghostUnitsMean, ghostUnitsVariance, ' +
        'countVariance, countedFrom, countedUntil, and observation (null: the policy figures stand)',
    },
    proposedBuffer: nullableCount,
    change: {
      type: ['object', 'null'],
      description:
        'whether the last computation replaced the buffer in place, and why (hysteresis)',
    },
    bufferSetAt: nullableInstant,
    computedAt: {
      ...nullableInstant,
      description: 'when the buffer was last computed; null when explained live, before any',
    },
    channels: {
      type: 'object',
      description: "each channel's policy from the rules and what it shows of sellable",
      additionalProperties: true,
    },
  },
  required: ['itemId', 'location', 'quantities', 'bufferSource', 'velocity', 'rule', 'computedAt'],
};

const rulesAnswer: JsonSchema = {
  type: 'object',
  properties: {
    source: { type: 'string', enum: ['file', 'api', 'locations'] },
    version: count,
    updatedAt: nullableInstant,
    rules: { type: 'object', description: 'the rules document (see README, Buffers)' },
  },
  required: ['source', 'version', 'rules'],
};

/** The buffer routes, merged into the OpenAPI document's paths. */
export const buffersPaths: Record<string, PathItem> = {
  '/v1/availability/explain': {
    get: {
      operationId: 'explainAvailability',
      summary: 'Why a level sells what it does: quantities, velocity, the rule, the buffer',
      description:
        'Name the item by id, or by SKU where exactly one item has it. Needs scope read.',
      tags: ['buffers'],
      parameters: [
        query('location', 'a location handle', true),
        query('item', 'an item id (or sku)'),
        query('sku', 'a SKU held by exactly one item (or item)'),
      ],
      responses: {
        ...common,
        '200': json('the explanation', explanation),
        '404': json(
          'unknown location, item or SKU, or the item is not stocked there ' +
            '(unknown_location, unknown_item, not_found)',
          errorBody,
        ),
        '409': json('the SKU belongs to several items (ambiguous_sku)', errorBody),
      },
    },
  },
  '/v1/buffers/rules': {
    get: {
      operationId: 'getBufferRules',
      summary: "The buffer rules in force, or the locations' bufferUnits when none are set",
      description: 'Needs scope read.',
      tags: ['buffers'],
      responses: { ...common, '200': json('the rules in force', rulesAnswer) },
    },
    put: {
      operationId: 'putBufferRules',
      summary: 'Replace the buffer rules (and the rules file, when configured); recompute soon',
      description: 'Needs scope write.',
      tags: ['buffers'],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object' } } },
      },
      responses: {
        ...common,
        '200': json('the rules now in force', rulesAnswer),
        '422': json(
          'the rules failed validation, each issue with its path (buffer_rules_invalid)',
          errorBody,
        ),
      },
    },
  },
};
