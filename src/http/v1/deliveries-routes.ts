import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { replayDelivery } from '../../engine/replay/replay-parked.js';
import type { AppContext } from '../../app/app-context.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { DeliveryTable } from '../../storage/database-schema.js';
import { decodeCursor, pageOf } from '../page-cursor.js';
import { parseQuery } from '../parse-query.js';
import { cursorParam, limitParam, oneOfParam } from '../query-params.js';

export const deliveryStatuses = ['unprocessable', 'pending', 'applied', 'ignored'] as const;

export const deliveriesQuery = z.strictObject({
  status: oneOfParam(deliveryStatuses).optional(),
  limit: limitParam(100, 500),
  cursor: cursorParam,
});

/** A stored delivery without its body (large, and it can hold customer data). */
export interface DeliveryView {
  id: string;
  shop: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  triggeredAt: string | null;
  apiVersion: string | null;
  receivedAt: string;
  status: string;
  outcome: string | null;
  error: string | null;
  attempts: number;
  processedAt: string | null;
}

type DeliveryRow = Omit<Selectable<DeliveryTable>, 'body'>;

const COLUMNS = [
  'id',
  'shop',
  'topic',
  'webhook_id',
  'event_id',
  'triggered_at',
  'api_version',
  'received_at',
  'status',
  'outcome',
  'error',
  'attempts',
  'processed_at',
] as const;

/**
 * `GET /v1/deliveries` (newest first) and `POST /v1/deliveries/:id/replay`, which hands an
 * unprocessable delivery back to the processor, once its cause is fixed.
 */
export function registerDeliveriesRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx.storage;

  app.get('/deliveries', { config: { scope: 'read' } }, async (request) => {
    const query = parseQuery(deliveriesQuery, request.query);
    const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 2);

    let select = db
      .selectFrom('deliveries')
      .select(COLUMNS)
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (before !== undefined) {
      const [receivedAt, id] = before as [string, string];
      select = select.where((eb) =>
        eb.or([
          eb('received_at', '<', receivedAt),
          eb.and([eb('received_at', '=', receivedAt), eb('id', '<', id)]),
        ]),
      );
    }

    const page = pageOf(await select.execute(), query.limit, (row) => [row.received_at, row.id]);
    return { deliveries: page.rows.map(deliveryView), nextCursor: page.nextCursor };
  });

  app.post<{ Params: { id: string } }>(
    '/deliveries/:id/replay',
    { config: { scope: 'admin' } },
    async (request) => {
      const { id } = request.params;

      const replay = await replayDelivery(ctx, id);
      if (replay.kind === 'not_found') {
        throw new TrueshelfError('not_found', `no delivery with id "${id}"`, {
          parameter: 'id',
          seen: id,
          expected: 'an id listed by GET /v1/deliveries',
        });
      }
      if (replay.kind === 'not_replayable') {
        throw new TrueshelfError(
          'not_replayable',
          `delivery ${id} is ${replay.status}; only unprocessable deliveries can be replayed`,
          { id, seen: replay.status, expected: 'unprocessable' },
        );
      }

      const row = await db
        .selectFrom('deliveries')
        .select(COLUMNS)
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      request.log.info({ client: request.client?.name, deliveryId: id }, 'delivery replayed');
      return { delivery: deliveryView(row) };
    },
  );
}

function deliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    shop: row.shop,
    topic: row.topic,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    triggeredAt: row.triggered_at,
    apiVersion: row.api_version,
    receivedAt: row.received_at,
    status: row.status,
    outcome: row.outcome,
    error: row.error,
    attempts: row.attempts,
    processedAt: row.processed_at,
  };
}
