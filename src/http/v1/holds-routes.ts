import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { holdPolicyOf } from '../../domain/holds/hold-policy.js';
import { channelModesOf } from '../../engine/decision/channel-modes-of.js';
import type { HoldChangeResult } from '../../engine/holds/change-hold.js';
import { HoldService } from '../../engine/holds/hold-service.js';
import type { HoldView } from '../../engine/holds/hold-view.js';
import { readUnitsPerDay } from '../../engine/velocity/read-units-per-day.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import { decodeCursor, pageOf } from '../page-cursor.js';
import { parseQuery } from '../parse-query.js';
import { cursorParam, limitParam, oneOfParam, textParam } from '../query-params.js';

const unitsExpected = 'a whole number of units from 1 to 10000';
const quantity = z
  .int({ error: unitsExpected })
  .min(1, { error: unitsExpected })
  .max(10_000, { error: unitsExpected });
const secondsExpected = 'a whole number of seconds, 1 or more';
const ttlSeconds = z.int({ error: secondsExpected }).min(1, { error: secondsExpected });

export const holdLineBody = z
  .strictObject({
    item: z.string().min(1).max(255).optional(),
    sku: z.string().min(1).max(255).optional(),
    location: z.string({ error: 'a location handle' }).min(1).max(128),
    quantity,
  })
  .refine((line) => (line.item === undefined) !== (line.sku === undefined), {
    error: 'exactly one of item or sku',
    path: ['item'],
  });

export const placeHoldBody = z.strictObject({
  cartId: z.string({ error: 'a cart id (1 to 255 characters)' }).min(1).max(255),
  lines: z.array(holdLineBody, { error: 'a list of 1 to 100 lines' }).min(1).max(100),
  ttlSeconds: ttlSeconds.optional(),
});

/**
 * The extend body. Its range names the policy's longest hold; a hold at a location with a
 * shorter maximum of its own is refused by the service, naming that one.
 */
export function extendHoldBody(maxTtlSeconds: number) {
  const expected = `ttlSeconds, an integer from 1 to ${maxTtlSeconds} (the hold policy maximum)`;

  return z.strictObject({
    ttlSeconds: z.int({ error: expected }).min(1, { error: expected }),
  });
}

export const convertHoldBody = z.strictObject({
  orderId: z
    .string()
    .regex(/^\d{1,20}$/, { error: 'a numeric Shopify order id' })
    .optional(),
});

export const holdsQuery = z.strictObject({
  cart: textParam('a cart id').optional(),
  location: textParam('a location handle', 128).optional(),
  status: oneOfParam(['active', 'checkout', 'converted', 'released', 'expired']).optional(),
  limit: limitParam(100, 500),
  cursor: cursorParam,
});

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Holds: `POST /v1/holds` (write, `Idempotency-Key` required) places or replaces a cart's
 * hold; reads by id and lists by cart or location (read); extend, release, checkout and
 * convert (write). Each answers the hold as it now stands.
 */
export function registerHoldsRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  service: HoldService = holdServiceFor(ctx),
): void {
  const extendBody = extendHoldBody(holdPolicyOf(ctx.config).maxTtlSeconds);

  app.post('/holds', { config: { scope: 'write' } }, async (request, reply) => {
    const key = idempotencyKeyOf(request);
    const body = parseBody(placeHoldBody, request.body);
    const client = request.client?.name ?? 'anonymous';

    const result = await service.place({ client, idempotencyKey: key, ...body });
    switch (result.kind) {
      case 'placed':
        request.log.info(
          { client, hold: result.hold.id, replaced: result.replaced },
          'hold placed',
        );
        return reply.status(201).send(result.hold);
      case 'replayed':
        return reply.status(201).header('idempotent-replayed', 'true').send(result.hold);
      case 'idempotency_mismatch':
        throw new TrueshelfError(
          'idempotency_mismatch',
          `Idempotency-Key "${key}" was used for a different hold request`,
          { header: 'Idempotency-Key', seen: key, holdId: result.holdId, expected: 'a new key' },
        );
      case 'insufficient_stock': {
        // Named by SKU too: the caller may have asked by SKU, and item ids mean nothing to it.
        const skus = await skusOf(ctx, result.short);
        const lines = result.short.map((s) => ({ ...s, sku: skus.get(s.item) ?? null }));
        throw new TrueshelfError('insufficient_stock', lines.map(describeShortLine).join('; '), {
          lines,
        });
      }
      case 'ineligible':
        throw new TrueshelfError(
          'hold_not_offered',
          result.lines.map((l) => `${l.item} at ${l.location}: ${l.why}`).join('; '),
          { lines: result.lines },
        );
    }
  });

  app.get<{ Params: { id: string } }>(
    '/holds/:id',
    { config: { scope: 'read' } },
    async (request) => (await service.get(request.params.id)) ?? notFound(request.params.id),
  );

  app.get('/holds', { config: { scope: 'read' } }, async (request) => {
    const query = parseQuery(holdsQuery, request.query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 2);
    const holds = await service.list({
      cartId: query.cart,
      location: query.location,
      status: query.status,
      limit: query.limit,
      after: after as [string, string] | undefined,
    });
    const page = pageOf(holds, query.limit, (hold) => [hold.createdAt, hold.id]);
    return { holds: page.rows, nextCursor: page.nextCursor };
  });

  const change = (
    path: string,
    act: (id: string, request: FastifyRequest) => Promise<HoldChangeResult>,
  ) =>
    app.post<{ Params: { id: string } }>(path, { config: { scope: 'write' } }, async (request) =>
      answerChange(request.params.id, await act(request.params.id, request)),
    );

  change('/holds/:id/extend', (id, request) =>
    service.extend(id, parseBody(extendBody, request.body).ttlSeconds),
  );
  change('/holds/:id/release', (id) => service.release(id));
  change('/holds/:id/checkout', (id) => service.checkout(id));
  change('/holds/:id/convert', (id, request) =>
    service.convert(id, parseBody(convertHoldBody, request.body ?? {}).orderId),
  );
}

export function holdServiceFor(ctx: AppContext): HoldService {
  return new HoldService({
    storage: ctx.storage,
    policy: holdPolicyOf(ctx.config),
    // The same modes the workers decide with, so a hold's decision reaches Google too.
    modes: channelModesOf(ctx.config),
    clock: ctx.clock,
    // Fast sellers (`holds.minUnitsPerDay`): an item without enough sales history of its own is
    // left out of the map, so it counts as selling 0 a day and is not held for its velocity.
    velocity: (location, itemIds) =>
      readUnitsPerDay(ctx.storage.db, location, [...itemIds], { now: ctx.clock() }),
    onDecisions: () => ctx.wakeOutbox(),
  });
}

async function skusOf(
  ctx: AppContext,
  short: readonly { item: string }[],
): Promise<Map<string, string | null>> {
  const rows = await ctx.storage.db
    .selectFrom('items')
    .select(['id', 'sku'])
    .where(
      'id',
      'in',
      short.map((line) => line.item),
    )
    .execute();
  return new Map(rows.map((row) => [row.id, row.sku]));
}

function describeShortLine(line: {
  item: string;
  sku: string | null;
  location: string;
  requested: number;
  sellable: number;
}): string {
  const named = line.sku === null ? line.item : `${line.sku} (item ${line.item})`;
  return `${named} at ${line.location}: ${line.requested} asked, ${line.sellable} sellable`;
}

function answerChange(id: string, result: HoldChangeResult): HoldView {
  switch (result.kind) {
    case 'changed':
    case 'unchanged':
      return result.hold;
    case 'not_found':
      return notFound(id);
    case 'refused':
      throw new TrueshelfError('conflict', `hold ${id}: ${result.reason}`, {
        holdId: id,
        seen: result.hold.status,
        expected: 'a hold whose status allows this',
      });
  }
}

function notFound(id: string): never {
  throw new TrueshelfError('not_found', `no hold "${id}"`, {
    seen: id,
    expected: 'a hold id returned by POST /v1/holds',
  });
}

function idempotencyKeyOf(request: FastifyRequest): string {
  const key = request.headers['idempotency-key'];
  if (typeof key === 'string' && IDEMPOTENCY_KEY.test(key)) return key;
  throw new TrueshelfError('invalid_request', 'header Idempotency-Key is missing or malformed', {
    header: 'Idempotency-Key',
    seen: key ?? null,
    expected: '1 to 255 visible ASCII characters, one per distinct request (a UUID)',
  });
}

/** A body that fails its schema is a 400 naming the field, what was seen and what was expected. */
export function parseBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
): z.output<Schema> {
  if (!isJsonObject(body)) return refuseNonObjectBody(schema, body);

  const result = schema.safeParse(body);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(body)',
    seen: valueAt(body, issue.path),
    expected:
      issue.code === 'unrecognized_keys' ? `no field ${issue.keys.join(', ')}` : issue.message,
  }));
  const first = problems[0] ?? { field: '(body)', seen: body, expected: 'a valid body' };
  const firstPath = result.error.issues[0]?.path ?? [];
  const seen = isPresentAt(body, firstPath) ? JSON.stringify(first.seen) : 'missing';

  throw new TrueshelfError(
    'invalid_request',
    `body field ${first.field} is ${seen}; expected ${first.expected}`,
    { ...first, problems },
  );
}

function isJsonObject(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/**
 * No body, or one that is not an object (a list, a number): the answer names the first field
 * an empty object would lack, so the caller learns what to send rather than zod's "expected
 * object, received undefined".
 */
function refuseNonObjectBody(schema: z.ZodType, body: unknown): never {
  const missing = body === undefined || body === null;
  const seen = missing ? null : shownValue(body);
  const described = missing ? 'missing' : Array.isArray(body) ? seen : JSON.stringify(seen);
  const problems = (schema.safeParse({}).error?.issues ?? []).map((issue) => ({
    field: issue.path.join('.') || '(body)',
    seen: null,
    expected: issue.message,
  }));
  const first = problems[0];
  const expected = first ? `a JSON object with ${first.expected}` : 'a JSON object';

  throw new TrueshelfError(
    'invalid_request',
    `body is ${String(described)}; expected ${expected}`,
    first ? { ...first, problems } : { field: '(body)', seen, expected, problems },
  );
}

// A field that is absent reads "missing", not "null" (which is what a caller may have sent).
function isPresentAt(body: unknown, path: readonly PropertyKey[]): boolean {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !(key in value)) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return true;
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return shownValue(value);
}

/**
 * What a 400 echoes of a bad value: scalars as sent (long text cut), lists and objects by kind.
 * Echoing them whole let a body 20,000 levels deep overflow the stack while the answer was
 * serialized, so the caller got fastify's default error instead of ours (found by the fault
 * campaign).
 */
function shownValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return value ?? null;
}
