import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';

export interface StoreSummary {
  handle: string;
  name: string;
  kind: string;
  mode: string;
  managed: boolean;
  levels: number;
  onHand: number;
  sellable: number;
  /** Units trueshelf itself placed in Shopify's safety_stock and reserved states. */
  heldBack: number;
  /** Levels whose gross no longer covers buffer + live holds: a promise may break there. */
  atRisk: number;
}

export interface ChainOverview {
  stores: StoreSummary[];
  totals: Omit<StoreSummary, 'handle' | 'name' | 'kind' | 'mode' | 'managed'>;
}

/**
 * One row per location, summed in SQL so a chain of hundreds of stores costs one grouped
 * query per poll. The levels counted are the ones `GET /v1/availability` lists (connected, item
 * not deleted), so each sum equals the sum of the API's rows for that location.
 */
export async function chainOverview(db: Kysely<Database>): Promise<ChainOverview> {
  const [locations, sums] = await Promise.all([
    db.selectFrom('locations').selectAll().orderBy('handle').execute(),
    db
      .selectFrom('levels as l')
      .innerJoin('items as i', 'i.id', 'l.item_id')
      // TODO(holds at read time): a hold that lapsed and is not swept yet still counts here until the
      // sweeper runs (about a second); subtract `lapsedHeldUnits` as GET /v1/availability does.
      .leftJoin('decisions as d', (join) =>
        join
          .onRef('d.item_id', '=', 'l.item_id')
          .onRef('d.location_handle', '=', 'l.location_handle'),
      )
      .where('l.connected', '=', 1)
      .where('i.deleted_at', 'is', null)
      .groupBy('l.location_handle')
      .select([
        'l.location_handle',
        sql<number | string>`count(*)`.as('levels'),
        sql<number | string>`coalesce(sum(l.on_hand), 0)`.as('on_hand'),
        sql<number | string>`coalesce(sum(d.sellable), 0)`.as('sellable'),
        sql<number | string>`coalesce(sum(l.placed_safety_stock + l.placed_reserved), 0)`.as(
          'held_back',
        ),
        sql<
          number | string
        >`coalesce(sum(case when d.gross < d.buffer + d.held then 1 else 0 end), 0)`.as('at_risk'),
      ])
      .execute(),
  ]);

  const byHandle = new Map(sums.map((row) => [row.location_handle, row]));
  const stores = locations.map((location): StoreSummary => {
    const row = byHandle.get(location.handle);
    return {
      handle: location.handle,
      name: location.name,
      kind: location.kind,
      mode: location.mode,
      managed: location.managed === 1,
      levels: Number(row?.levels ?? 0),
      onHand: Number(row?.on_hand ?? 0),
      sellable: Number(row?.sellable ?? 0),
      heldBack: Number(row?.held_back ?? 0),
      atRisk: Number(row?.at_risk ?? 0),
    };
  });

  const totals = { levels: 0, onHand: 0, sellable: 0, heldBack: 0, atRisk: 0 };
  for (const store of stores) {
    totals.levels += store.levels;
    totals.onHand += store.onHand;
    totals.sellable += store.sellable;
    totals.heldBack += store.heldBack;
    totals.atRisk += store.atRisk;
  }
  return { stores, totals };
}
