import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import type { MovementTable } from '../../storage/database-schema.js';
import { decodeCursor, pageOf } from '../page-cursor.js';
import { parseQuery } from '../parse-query.js';
import { cursorParam, limitParam, textParam } from '../query-params.js';
import { assertKnownTargets } from './assert-known-targets.js';

export const movementsQuery = z.strictObject({
  item: textParam('an item id').optional(),
  location: textParam('a location handle', 128).optional(),
  limit: limitParam(100, 1000),
  cursor: cursorParam,
});

export interface MovementView {
  id: string;
  itemId: string;
  location: string;
  state: string;
  delta: number;
  quantityAfter: number;
  cause: { kind: string; ref: string | null };
  source: string;
  occurredAt: string;
  learnedAt: string;
}

/** `GET /v1/movements`: the append-only ledger, newest first (by when the change happened). */
export function registerMovementsRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/movements', { config: { scope: 'read' } }, async (request) => {
    const query = parseQuery(movementsQuery, request.query);
    const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 2);

    let select = ctx.storage.db
      .selectFrom('movements')
      .selectAll()
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    if (query.item !== undefined) select = select.where('item_id', '=', query.item);
    if (query.location !== undefined) select = select.where('location_handle', '=', query.location);
    if (before !== undefined) {
      const [occurredAt, id] = before as [string, string];
      select = select.where((eb) =>
        eb.or([
          eb('occurred_at', '<', occurredAt),
          eb.and([eb('occurred_at', '=', occurredAt), eb('id', '<', id)]),
        ]),
      );
    }

    const rows = await select.execute();
    if (rows.length === 0) await assertKnownTargets(ctx, query);

    const page = pageOf(rows, query.limit, (row) => [row.occurred_at, row.id]);
    return { movements: page.rows.map(movementView), nextCursor: page.nextCursor };
  });
}

function movementView(row: Selectable<MovementTable>): MovementView {
  return {
    id: row.id,
    itemId: row.item_id,
    location: row.location_handle,
    state: row.state,
    delta: row.delta,
    quantityAfter: row.quantity_after,
    cause: { kind: row.cause_kind, ref: row.cause_ref },
    source: row.source,
    occurredAt: row.occurred_at,
    learnedAt: row.learned_at,
  };
}
