import { sql } from 'kysely';
import { holdsDb } from '../../../src/engine/holds/holds-database.js';
import type { ShopifySandbox } from '../../../src/sandbox/shopify/shopify-sandbox.js';
import type { Storage } from '../../../src/storage/storage.js';

const STATES = ['available', 'committed', 'on_hand', 'safety_stock', 'reserved'] as const;

/**
 * Levels whose mirror disagrees with Shopify's own quantities, as `item@location state:
 * ours≠theirs` lines; trueshelf's placed units must equal what Shopify holds in those states,
 * since nothing else places safety stock or reserved units in the sandbox.
 */
export async function levelsUnlikeShopify(
  storage: Storage,
  sandbox: ShopifySandbox,
): Promise<string[]> {
  const rows = await storage.db
    .selectFrom('levels')
    .innerJoin('items', 'items.id', 'levels.item_id')
    .innerJoin('locations', 'locations.handle', 'levels.location_handle')
    .select([
      'items.shopify_inventory_item_id as item',
      'locations.shopify_location_id as location',
      'levels.available',
      'levels.committed',
      'levels.on_hand',
      'levels.safety_stock',
      'levels.reserved',
      'levels.placed_safety_stock',
      'levels.placed_reserved',
    ])
    .execute();

  const problems: string[] = [];
  for (const row of rows) {
    const truth = sandbox.store.level(row.item ?? '', row.location ?? '')?.quantities;
    const where = `${row.item}@${row.location}`;
    if (!truth) {
      problems.push(`${where}: not in Shopify`);
      continue;
    }
    for (const state of STATES) {
      if (row[state] !== truth[state])
        problems.push(`${where} ${state}: ${row[state]}≠${truth[state]}`);
    }
    if (row.placed_safety_stock !== truth.safety_stock)
      problems.push(
        `${where} placed safety stock ${row.placed_safety_stock}≠${truth.safety_stock}`,
      );
    if (row.placed_reserved !== truth.reserved)
      problems.push(`${where} placed reserved ${row.placed_reserved}≠${truth.reserved}`);
  }
  return problems;
}

/**
 * Levels whose ledger does not add up: the movements of each state, from the first read on,
 * must sum to the level's quantity. A delivery or read applied twice books its change twice.
 */
export async function ledgerGaps(storage: Storage): Promise<string[]> {
  const sums = await storage.db
    .selectFrom('movements')
    .select(['item_id', 'location_handle', 'state', sql<number>`sum(delta)`.as('total')])
    .groupBy(['item_id', 'location_handle', 'state'])
    .execute();
  const levels = await storage.db.selectFrom('levels').selectAll().execute();
  const byLevel = new Map(levels.map((l) => [`${l.item_id}|${l.location_handle}`, l]));

  const gaps: string[] = [];
  for (const sum of sums) {
    const level = byLevel.get(`${sum.item_id}|${sum.location_handle}`);
    const value = (level as Record<string, unknown> | undefined)?.[sum.state];
    if (typeof value === 'number' && Number(sum.total) !== value)
      gaps.push(
        `${sum.item_id}@${sum.location_handle} ${sum.state}: ledger ${sum.total}, level ${value}`,
      );
  }
  return gaps;
}

/** Levels whose `held` column is not the sum of their live hold lines. */
export async function heldGaps(storage: Storage): Promise<string[]> {
  const live = await holdsDb(storage.db)
    .selectFrom('hold_lines')
    .innerJoin('holds', 'holds.id', 'hold_lines.hold_id')
    .select(['item_id', 'location_handle', sql<number>`sum(quantity)`.as('units')])
    // A hold at checkout has handed its units back to Shopify's checkout: it no longer counts.
    .where('holds.status', '=', 'active')
    .where('hold_lines.left_at', 'is', null)
    .groupBy(['item_id', 'location_handle'])
    .execute();
  const units = new Map(live.map((l) => [`${l.item_id}|${l.location_handle}`, Number(l.units)]));
  const levels = await holdsDb(storage.db)
    .selectFrom('levels')
    .select(['item_id', 'location_handle', 'held'])
    .execute();

  return levels
    .filter((l) => (units.get(`${l.item_id}|${l.location_handle}`) ?? 0) !== l.held)
    .map(
      (l) =>
        `${l.item_id}@${l.location_handle} held ${l.held}, live lines ${units.get(`${l.item_id}|${l.location_handle}`) ?? 0}`,
    );
}
