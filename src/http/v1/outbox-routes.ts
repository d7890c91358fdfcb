import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { replayPush } from '../../engine/replay/replay-parked.js';
import type { AppContext } from '../../app/app-context.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { OutboxTable } from '../../storage/database-schema.js';
import { decodeCursor, pageOf } from '../page-cursor.js';
import { parseQuery } from '../parse-query.js';
import { cursorParam, limitParam, oneOfParam, textParam } from '../query-params.js';

export const outboxQuery = z.strictObject({
  status: oneOfParam(['parked', 'pending']).optional(),
  channel: textParam('a channel name', 64).optional(),
  limit: limitParam(100, 1000),
  cursor: cursorParam,
});

export interface OutboxView {
  channel: string;
  itemId: string;
  location: string;
  /** The latest target, as the decision wrote it (JSON). */
  target: unknown;
  targetVersion: number;
  sentVersion: number;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  signalAt: string | null;
  updatedAt: string;
}

interface OutboxParams {
  channel: string;
  item: string;
  location: string;
}

/**
 * `GET /v1/outbox` (by channel, item, location) and `POST /v1/outbox/:channel/:item/:location/
 * replay`, which hands a parked push back to the workers with a fresh attempt budget.
 */
export function registerOutboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx.storage;

  app.get('/outbox', { config: { scope: 'read' } }, async (request) => {
    const query = parseQuery(outboxQuery, request.query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 3);

    let select = db
      .selectFrom('outbox')
      .selectAll()
      .orderBy('channel')
      .orderBy('item_id')
      .orderBy('location_handle')
      .limit(query.limit + 1);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.channel !== undefined) select = select.where('channel', '=', query.channel);
    if (after !== undefined) {
      const [channel, item, location] = after as [string, string, string];
      select = select.where((eb) =>
        eb.or([
          eb('channel', '>', channel),
          eb.and([eb('channel', '=', channel), eb('item_id', '>', item)]),
          eb.and([
            eb('channel', '=', channel),
            eb('item_id', '=', item),
            eb('location_handle', '>', location),
          ]),
        ]),
      );
    }

    const rows = await select.execute();
    const page = pageOf(rows, query.limit, (row) => [
      row.channel,
      row.item_id,
      row.location_handle,
    ]);
    return { outbox: page.rows.map(outboxView), nextCursor: page.nextCursor };
  });

  app.post<{ Params: OutboxParams }>(
    '/outbox/:channel/:item/:location/replay',
    { config: { scope: 'admin' } },
    async (request) => {
      const { channel, item, location } = request.params;
      const replay = await replayPush(ctx, { channel, item, location });
      if (replay.kind === 'not_found') {
        throw new TrueshelfError(
          'not_found',
          `no outbox row for ${channel} ${item} at ${location}`,
          {
            seen: { channel, item, location },
            expected: 'a channel, item and location listed by GET /v1/outbox',
          },
        );
      }
      if (replay.kind === 'not_replayable') {
        throw new TrueshelfError(
          'not_replayable',
          `the ${channel} push for ${item} at ${location} is ${replay.status}; ` +
            'only parked pushes can be replayed',
          { seen: replay.status, expected: 'parked' },
        );
      }

      const row = await db
        .selectFrom('outbox')
        .selectAll()
        .where('channel', '=', channel)
        .where('item_id', '=', item)
        .where('location_handle', '=', location)
        .executeTakeFirstOrThrow();
      request.log.info({ client: request.client?.name, channel, item, location }, 'push replayed');
      return { outbox: outboxView(row) };
    },
  );
}

function outboxView(row: Selectable<OutboxTable>): OutboxView {
  return {
    channel: row.channel,
    itemId: row.item_id,
    location: row.location_handle,
    target: parseTarget(row.target),
    targetVersion: row.target_version,
    sentVersion: row.sent_version,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    signalAt: row.signal_at,
    updatedAt: row.updated_at,
  };
}

/** Targets are stored as JSON text; one that is not is shown as it is, not failing the list. */
function parseTarget(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
