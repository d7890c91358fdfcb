import type { JsonSchema } from './openapi-types.js';

const text: JsonSchema = { type: 'string' };
const nullableText: JsonSchema = { type: ['string', 'null'] };
const instant: JsonSchema = { type: 'string', format: 'date-time' };
const nullableInstant: JsonSchema = { type: ['string', 'null'], format: 'date-time' };
const count: JsonSchema = { type: 'integer' };
const nullableCount: JsonSchema = { type: ['integer', 'null'] };

function object(properties: Record<string, JsonSchema>, description?: string): JsonSchema {
  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/** A page of rows under `key`, with the cursor of the next page (null on the last). */
export function page(key: string, row: string): JsonSchema {
  return object({
    [key]: { type: 'array', items: { $ref: `#/components/schemas/${row}` } },
    nextCursor: { ...nullableText, description: 'pass as `cursor` for the next page' },
  });
}

/** The component schemas: one per row shape the API answers with. */
export const componentSchemas: Record<string, JsonSchema> = {
  Error: object({
    error: object({
      code: { type: 'string', description: 'a stable code from the error catalogue' },
      message: text,
      details: {
        type: 'object',
        description: 'what was seen, where and what was expected (e.g. parameter, seen, expected)',
        additionalProperties: true,
      },
    }),
  }),
  Location: object({
    handle: text,
    name: text,
    kind: { type: 'string', enum: ['store', 'warehouse'] },
    timeZone: { ...nullableText, description: 'IANA time zone' },
    googleStoreCode: nullableText,
    shopifyLocationId: { ...nullableText, description: 'numeric, as a string (ids exceed 2^53)' },
    netsuiteId: nullableText,
    managed: { type: 'boolean' },
    mode: { type: 'string', enum: ['shadow', 'publish'] },
    bufferUnits: count,
    pickup: object({ enabled: { type: 'boolean' }, pickupTimeHours: { type: 'number' } }),
  }),
  Item: object({
    id: text,
    sku: { ...nullableText, description: 'can be blank or shared by several items' },
    barcode: nullableText,
    title: nullableText,
    shopifyInventoryItemId: nullableText,
    shopifyVariantId: nullableText,
    tracked: { type: 'boolean' },
    inventoryPolicy: { ...nullableText, description: 'Shopify: deny or continue' },
  }),
  Level: object(
    {
      itemId: text,
      sku: nullableText,
      location: { type: 'string', description: 'location handle' },
      states: object(
        {
          onHand: count,
          available: { type: 'integer', description: 'can be negative (POS sells below zero)' },
          committed: count,
          reserved: count,
          safetyStock: count,
          damaged: count,
          qualityControl: count,
          incoming: count,
        },
        "Shopify's quantity states as last read",
      ),
      placed: object(
        { safetyStock: count, reserved: count },
        'units trueshelf itself placed in safety_stock (buffer) and reserved (holds)',
      ),
      gross: { ...nullableCount, description: 'available + what trueshelf placed' },
      buffer: nullableCount,
      held: { ...nullableCount, description: 'units under live holds' },
      sellable: { ...nullableCount, description: 'max(0, gross - buffer - held)' },
      shown: {
        ...nullableCount,
        description: "what the API channel offers: sellable after the buffer rules' channels.api",
      },
      decidedAt: nullableInstant,
      lastChangeAt: nullableInstant,
      readAt: nullableInstant,
    },
    'one item at one location; decision fields are null until the first decision',
  ),
  Movement: object({
    id: text,
    itemId: text,
    location: text,
    state: { type: 'string', description: 'the quantity state that changed' },
    delta: count,
    quantityAfter: count,
    cause: object({ kind: text, ref: nullableText }, 'the likely cause this change matched'),
    source: text,
    occurredAt: instant,
    learnedAt: instant,
  }),
  Delivery: object({
    id: text,
    shop: text,
    topic: text,
    webhookId: text,
    eventId: nullableText,
    triggeredAt: nullableInstant,
    apiVersion: nullableText,
    receivedAt: instant,
    status: { type: 'string', enum: ['unprocessable', 'pending', 'applied', 'ignored'] },
    outcome: nullableText,
    error: { ...nullableText, description: 'why it is unprocessable' },
    attempts: count,
    processedAt: nullableInstant,
  }),
  OutboxRow: object({
    channel: text,
    itemId: text,
    location: text,
    target: { description: 'the latest target for the channel (JSON)' },
    targetVersion: count,
    sentVersion: count,
    status: text,
    attempts: count,
    nextAttemptAt: instant,
    lastError: nullableText,
    signalAt: nullableInstant,
    updatedAt: instant,
  }),
};
