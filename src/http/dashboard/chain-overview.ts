import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { holdsDb } from '../../engine/holds/holds-database.js';
import { withoutLapsedHolds } from '../../engine/holds/lapsed-held-units.js';
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
 * not deleted), so each sum equals the sum of the API's rows for that location, as of `now`: a
 * hold that ran out stops counting at once, swept or not.
 */
export async function chainOverview(db: Kysely<Database>, now: Date): Promise<ChainOverview> {
  const [locations, sums, lapsed] = await Promise.all([
    db.selectFrom('locations').selectAll().orderBy('handle').execute(),
    db
      .selectFrom('levels as l')
      .innerJoin('items as i', 'i.id', 'l.item_id')
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
    lapsedLevels(db, now),
  ]);

  const byHandle = new Map(sums.map((row) => [row.location_handle, row]));
  const lapsedBy = lapsedCorrections(lapsed);
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
      sellable: Number(row?.sellable ?? 0) + (lapsedBy.get(location.handle)?.sellable ?? 0),
      heldBack: Number(row?.held_back ?? 0),
      atRisk: Number(row?.at_risk ?? 0) + (lapsedBy.get(location.handle)?.atRisk ?? 0),
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

interface LapsedLevel {
  location_handle: string;
  gross: number;
  buffer: number;
  held: number;
  sellable: number;
  lapsed: number | string;
}

/**
 * The counted levels whose stored decision still holds units of holds that ran out by `now`,
 * with those units. Few holds are due at any moment, however many are live, so this reads the
 * due holds first (the `holds_due` index) and only their levels.
 */
function lapsedLevels(db: Kysely<Database>, now: Date): Promise<LapsedLevel[]> {
  return holdsDb(db)
    .selectFrom('holds as h')
    .innerJoin('hold_lines as hl', 'hl.hold_id', 'h.id')
    .innerJoin('levels as l', (join) =>
      join
        .onRef('l.item_id', '=', 'hl.item_id')
        .onRef('l.location_handle', '=', 'hl.location_handle'),
    )
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .innerJoin('decisions as d', (join) =>
      join
        .onRef('d.item_id', '=', 'l.item_id')
        .onRef('d.location_handle', '=', 'l.location_handle'),
    )
    .where('h.status', '=', 'active')
    .where('h.expires_at', '<=', now.toISOString())
    .where('hl.left_at', 'is', null)
    .where('l.connected', '=', 1)
    .where('i.deleted_at', 'is', null)
    .where('d.held', '>', 0)
    .groupBy(['l.item_id', 'l.location_handle', 'd.gross', 'd.buffer', 'd.held', 'd.sellable'])
    .select([
      'l.location_handle',
      'd.gross',
      'd.buffer',
      'd.held',
      'd.sellable',
      sql<number | string>`sum(hl.quantity)`.as('lapsed'),
    ])
    .execute();
}

/** What the lapsed holds change in each location's sums: sellable up, levels at risk down. */
function lapsedCorrections(
  levels: readonly LapsedLevel[],
): Map<string, { sellable: number; atRisk: number }> {
  const corrections = new Map<string, { sellable: number; atRisk: number }>();
  for (const level of levels) {
    const now = withoutLapsedHolds(level, Number(level.lapsed));
    const atRisk = (d: { gross: number; buffer: number; held: number }) =>
      d.gross < d.buffer + d.held ? 1 : 0;
    const correction = corrections.get(level.location_handle) ?? { sellable: 0, atRisk: 0 };
    correction.sellable += now.sellable - level.sellable;
    correction.atRisk += atRisk(now) - atRisk(level);
    corrections.set(level.location_handle, correction);
  }
  return corrections;
}
