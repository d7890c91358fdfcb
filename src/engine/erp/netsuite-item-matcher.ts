import type { Clock } from '../../shared/clock.js';
import type { SuiteQlClient } from '../../sources/netsuite/suiteql-client.js';
import { suiteQlInteger } from '../../sources/netsuite/suiteql-literal.js';
import { readId } from '../../sources/netsuite/suiteql-values.js';
import type { Storage } from '../../storage/storage.js';
import { erpDb } from './erp-database.js';
import type { ErpDatabase } from './erp-database.js';
import { chunked } from './chunked.js';

export type ItemMatch = 'itemid' | 'externalid';

/**
 * Why a NetSuite item has no item of ours: NetSuite did not return it (the role cannot see
 * it), no SKU equals its `itemid` or `externalid`, the SKU is shared by several items, or the
 * item it names is already matched to another NetSuite item.
 */
export type ItemMatchProblem = 'not_returned' | 'no_sku_match' | 'ambiguous_sku' | 'sku_taken';

interface NetSuiteItem {
  readonly netsuiteItemId: string;
  readonly itemid: string | null;
  readonly externalid: string | null;
}

/** Oracle refuses an IN list of more than 1,000 values; half that keeps queries short. */
const IDS_PER_QUERY = 500;

/**
 * Keeps `netsuite_items` covering every NetSuite item the poller sees: unknown ids are read
 * from NetSuite's `item` table, and items still unmatched are matched again from what is stored,
 * so a SKU added on our side later is picked up without asking NetSuite again (and without
 * waiting for the item's stock to change).
 *
 * Matching is exact: `itemid` = SKU, else `externalid` = SKU. SKU mismatches (case, trailing
 * spaces) are the commonest cause of connector import failures, and guessing past them would
 * pair the wrong stock; an unmatched item is reported with its `itemid` instead.
 */
export class NetSuiteItemMatcher {
  constructor(
    private readonly storage: Storage,
    private readonly suiteQl: SuiteQlClient,
    private readonly clock: Clock,
  ) {}

  /**
   * Makes sure every id has a row, and matches again every row still unmatched. Returns how
   * many NetSuite items are matched and unmatched in all.
   */
  async ensure(
    netsuiteItemIds: readonly string[],
  ): Promise<{ matched: number; unmatched: number }> {
    const ids = [...new Set(netsuiteItemIds)];
    const db = erpDb(this.storage);
    const known = await knownItems(db, ids);

    // An item NetSuite did not return before is asked for again whenever it is seen.
    const unknown = ids.filter((id) => {
      const row = known.get(id);
      return row === undefined || row.matched_by === 'not_returned';
    });
    const fetched = await this.fetchItems(unknown);
    const fetchedIds = new Set(fetched.map((item) => item.netsuiteItemId));
    const rematch = await db
      .selectFrom('netsuite_items')
      .select(['netsuite_item_id', 'itemid', 'externalid'])
      .where('item_id', 'is', null)
      .where('matched_by', '!=', 'not_returned')
      .execute();
    const toMatch: NetSuiteItem[] = [
      ...fetched,
      ...rematch
        .filter((row) => !fetchedIds.has(row.netsuite_item_id))
        .map((row) => ({
          netsuiteItemId: row.netsuite_item_id,
          itemid: row.itemid,
          externalid: row.externalid,
        })),
    ];
    const missing = unknown.filter((id) => !fetchedIds.has(id));

    await this.store(db, toMatch, missing);
    return countMatches(db);
  }

  private async fetchItems(ids: readonly string[]): Promise<NetSuiteItem[]> {
    const items: NetSuiteItem[] = [];
    for (const chunk of chunked(ids, IDS_PER_QUERY)) {
      const list = chunk.map((id) => suiteQlInteger(id, 'item id')).join(', ');
      const q = `SELECT id, itemid, externalid FROM item WHERE id IN (${list}) ORDER BY id`;
      const where = `item lookup of ${chunk.length} ids`;
      // One page holds the whole answer: at most IDS_PER_QUERY rows under a 1,000-row limit.
      const page = await this.suiteQl.page(q, { limit: 1000, offset: 0, where });
      for (const row of page.rows) {
        items.push({
          netsuiteItemId: readId(row, 'id', where),
          itemid: row['itemid'] ?? null,
          externalid: row['externalid'] ?? null,
        });
      }
    }
    return items;
  }

  private async store(
    db: ReturnType<typeof erpDb>,
    items: readonly NetSuiteItem[],
    missing: readonly string[],
  ): Promise<void> {
    const now = this.clock().toISOString();
    const bySku = await itemsBySku(db, items);
    const taken = await takenItemIds(db, [...bySku.values()].flat());

    const rows = items.map((item) => {
      const match = matchOne(item, bySku, taken);
      if (match.itemId !== null) taken.add(match.itemId);
      return {
        netsuite_item_id: item.netsuiteItemId,
        itemid: item.itemid,
        externalid: item.externalid,
        item_id: match.itemId,
        matched_by: match.by,
        updated_at: now,
      };
    });
    for (const id of missing) {
      rows.push({
        netsuite_item_id: id,
        itemid: null,
        externalid: null,
        item_id: null,
        matched_by: 'not_returned',
        updated_at: now,
      });
    }

    for (const chunk of chunked(rows, 100)) {
      await db
        .insertInto('netsuite_items')
        .values(chunk)
        .onConflict((oc) =>
          oc.column('netsuite_item_id').doUpdateSet((eb) => ({
            itemid: eb.ref('excluded.itemid'),
            externalid: eb.ref('excluded.externalid'),
            item_id: eb.ref('excluded.item_id'),
            matched_by: eb.ref('excluded.matched_by'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }
}

function matchOne(
  item: NetSuiteItem,
  bySku: ReadonlyMap<string, readonly string[]>,
  taken: ReadonlySet<string>,
): { itemId: string | null; by: ItemMatch | ItemMatchProblem } {
  const candidates: Array<[ItemMatch, string | null]> = [
    ['itemid', item.itemid],
    ['externalid', item.externalid],
  ];
  let problem: ItemMatchProblem = 'no_sku_match';

  for (const [by, sku] of candidates) {
    const ours = sku === null ? undefined : bySku.get(sku);
    if (ours === undefined || ours.length === 0) continue;
    if (ours.length > 1) {
      problem = 'ambiguous_sku';
      continue;
    }
    const [itemId] = ours as [string];
    if (taken.has(itemId)) {
      problem = 'sku_taken';
      continue;
    }
    return { itemId, by };
  }
  return { itemId: null, by: problem };
}

async function countMatches(db: ReturnType<typeof erpDb>) {
  const rows = await db
    .selectFrom('netsuite_items')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('all'),
      eb.fn.count<number | string>('item_id').as('matched'),
    ])
    .executeTakeFirstOrThrow();
  const all = Number(rows.all);
  const matched = Number(rows.matched);
  return { matched, unmatched: all - matched };
}

async function knownItems(db: ReturnType<typeof erpDb>, ids: readonly string[]) {
  const known = new Map<string, ErpDatabase['netsuite_items']>();
  for (const chunk of chunked(ids, IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('netsuite_items')
      .selectAll()
      .where('netsuite_item_id', 'in', chunk)
      .execute();
    for (const row of rows) known.set(row.netsuite_item_id, row);
  }
  return known;
}

/** Our live items by SKU, for every SKU the NetSuite items could match. */
async function itemsBySku(db: ReturnType<typeof erpDb>, items: readonly NetSuiteItem[]) {
  const skus = [...new Set(items.flatMap((item) => [item.itemid, item.externalid]))].filter(
    (sku): sku is string => sku !== null && sku !== '',
  );
  const bySku = new Map<string, string[]>();
  for (const chunk of chunked(skus, IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('items')
      .select(['id', 'sku'])
      .where('sku', 'in', chunk)
      .where('deleted_at', 'is', null)
      .execute();
    for (const row of rows) {
      if (row.sku === null) continue;
      bySku.set(row.sku, [...(bySku.get(row.sku) ?? []), row.id]);
    }
  }
  return bySku;
}

async function takenItemIds(db: ReturnType<typeof erpDb>, itemIds: readonly string[]) {
  const taken = new Set<string>();
  for (const chunk of chunked([...new Set(itemIds)], IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('netsuite_items')
      .select('item_id')
      .where('item_id', 'in', chunk)
      .execute();
    for (const row of rows) if (row.item_id !== null) taken.add(row.item_id);
  }
  return taken;
}
