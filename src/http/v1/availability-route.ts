import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { activeChannelPolicies } from '../../engine/buffers/channel-policies-store.js';
import { lapsedHeldUnits, withoutLapsedHolds } from '../../engine/holds/lapsed-held-units.js';
import { decodeCursor, pageOf } from '../page-cursor.js';
import { parseQuery } from '../parse-query.js';
import { cursorParam, limitParam, textParam } from '../query-params.js';
import { assertKnownTargets } from './assert-known-targets.js';
import { levelView } from './level-view.js';

export const availabilityQuery = z.strictObject({
  sku: textParam('a SKU').optional(),
  location: textParam('a location handle', 128).optional(),
  item: textParam('an item id').optional(),
  limit: limitParam(500, 5000),
  cursor: cursorParam,
});

/**
 * `GET /v1/availability`: each level's states as last read, what trueshelf placed, and the one
 * stored decision (buffer, holds, sellable) every channel derives its value from. A level read
 * but not yet decided shows null decision fields. Disconnected levels and deleted items are left
 * out. A SKU that matches nothing is an empty list; an unknown handle or item id is a 404.
 *
 * Holds whose time ran out by now (the injected clock) no longer count, even before the sweeper
 * has released them: their units are taken off `held` and sellable is worked out again.
 * `shown` is what the API channel offers: that sellable after the rules' `channels.api`.
 */
export function registerAvailabilityRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/availability', { config: { scope: 'read' } }, async (request) => {
    const query = parseQuery(availabilityQuery, request.query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 2);
    const now = ctx.clock().toISOString();

    let select = ctx.storage.db
      .selectFrom('levels as l')
      .innerJoin('items as i', 'i.id', 'l.item_id')
      .innerJoin('locations as loc', 'loc.handle', 'l.location_handle')
      .leftJoin('decisions as d', (join) =>
        join
          .onRef('d.item_id', '=', 'l.item_id')
          .onRef('d.location_handle', '=', 'l.location_handle'),
      )
      .selectAll('l')
      .select(['i.sku', 'd.gross', 'd.buffer', 'd.held', 'd.sellable', 'd.computed_at'])
      .select(lapsedHeldUnits(now, 'l.item_id', 'l.location_handle').as('lapsed_held'))
      .where('l.connected', '=', 1)
      .where('i.deleted_at', 'is', null)
      .orderBy('l.item_id')
      .orderBy('l.location_handle')
      .limit(query.limit + 1);
    if (query.sku !== undefined) select = select.where('i.sku', '=', query.sku);
    if (query.item !== undefined) select = select.where('l.item_id', '=', query.item);
    if (query.location !== undefined)
      select = select.where('l.location_handle', '=', query.location);
    if (after !== undefined) {
      const [item, location] = after as [string, string];
      select = select.where((eb) =>
        eb.or([
          eb('l.item_id', '>', item),
          eb.and([eb('l.item_id', '=', item), eb('l.location_handle', '>', location)]),
        ]),
      );
    }

    const rows = await select.execute();
    if (rows.length === 0) await assertKnownTargets(ctx, query);

    const page = pageOf(rows, query.limit, (row) => [row.item_id, row.location_handle]);
    const apiPolicy = (await activeChannelPolicies(ctx.storage.db))['api'];
    const levels = page.rows.map(({ lapsed_held, ...row }) =>
      levelView(withoutLapsedHolds(row, Number(lapsed_held)), apiPolicy),
    );
    return { levels, nextCursor: page.nextCursor };
  });
}
