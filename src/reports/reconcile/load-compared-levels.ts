import { erpDb } from '../../engine/erp/erp-database.js';
import type { Storage } from '../../storage/storage.js';
import type { UnmatchedNetSuiteItem } from './reconciliation-report.js';

export interface ReconciledLocation {
  readonly handle: string;
  readonly netsuiteId: string;
  readonly shopifyLocationId: string | null;
}

/** One item at one location with both sides' on hand, for items matched to NetSuite. */
export interface ComparedLevel {
  readonly itemId: string;
  readonly sku: string | null;
  readonly costCents: number | null;
  readonly netsuiteItemId: string;
  readonly shopifyItemId: string | null;
  /** 0 when the mirror has no level: Shopify does not stock the item there. */
  readonly mirrorOnHand: number;
  /** 0 when NetSuite has no row for the item there. */
  readonly netsuiteOnHand: number;
  readonly netsuiteReadAt: string | null;
}

export async function loadReconciledLocations(storage: Storage): Promise<ReconciledLocation[]> {
  const rows = await erpDb(storage)
    .selectFrom('locations')
    .select(['handle', 'netsuite_id', 'shopify_location_id'])
    .where('netsuite_id', 'is not', null)
    .where('active', '=', 1)
    .orderBy('handle')
    .execute();
  return rows.flatMap((row) =>
    row.netsuite_id === null
      ? []
      : [
          {
            handle: row.handle,
            netsuiteId: row.netsuite_id,
            shopifyLocationId: row.shopify_location_id,
          },
        ],
  );
}

/**
 * The union of the mirror's levels and NetSuite's rows at one location, joined through the item
 * matching. Items on one side only compare against 0 on the other.
 */
export async function loadComparedLevels(
  storage: Storage,
  location: ReconciledLocation,
): Promise<ComparedLevel[]> {
  const db = erpDb(storage);
  const mirror = await db
    .selectFrom('levels')
    .innerJoin('items', 'items.id', 'levels.item_id')
    .innerJoin('netsuite_items', 'netsuite_items.item_id', 'levels.item_id')
    .select([
      'levels.item_id as itemId',
      'levels.on_hand as onHand',
      'items.sku as sku',
      'items.cost_cents as costCents',
      'items.shopify_inventory_item_id as shopifyItemId',
      'netsuite_items.netsuite_item_id as netsuiteItemId',
    ])
    .where('levels.location_handle', '=', location.handle)
    .execute();
  const netsuite = await db
    .selectFrom('netsuite_on_hand')
    .innerJoin(
      'netsuite_items',
      'netsuite_items.netsuite_item_id',
      'netsuite_on_hand.netsuite_item_id',
    )
    .innerJoin('items', 'items.id', 'netsuite_items.item_id')
    .select([
      'items.id as itemId',
      'items.sku as sku',
      'items.cost_cents as costCents',
      'items.shopify_inventory_item_id as shopifyItemId',
      'netsuite_on_hand.netsuite_item_id as netsuiteItemId',
      'netsuite_on_hand.on_hand as onHand',
      'netsuite_on_hand.read_at as readAt',
    ])
    .where('netsuite_on_hand.netsuite_location_id', '=', location.netsuiteId)
    .execute();

  const levels = new Map<string, ComparedLevel>();
  for (const row of mirror) {
    levels.set(row.itemId, {
      itemId: row.itemId,
      sku: row.sku,
      costCents: row.costCents,
      shopifyItemId: row.shopifyItemId,
      netsuiteItemId: row.netsuiteItemId,
      mirrorOnHand: row.onHand,
      netsuiteOnHand: 0,
      netsuiteReadAt: null,
    });
  }
  for (const row of netsuite) {
    const known = levels.get(row.itemId);
    levels.set(row.itemId, {
      itemId: row.itemId,
      sku: row.sku,
      costCents: row.costCents,
      shopifyItemId: row.shopifyItemId,
      netsuiteItemId: row.netsuiteItemId,
      mirrorOnHand: known?.mirrorOnHand ?? 0,
      netsuiteOnHand: row.onHand,
      netsuiteReadAt: row.readAt,
    });
  }
  return [...levels.values()].sort((a, b) => a.itemId.localeCompare(b.itemId));
}

/** NetSuite items stocked at these locations that match no item of ours. */
export async function loadUnmatchedNetSuiteItems(
  storage: Storage,
  netsuiteLocationIds: readonly string[],
): Promise<UnmatchedNetSuiteItem[]> {
  if (netsuiteLocationIds.length === 0) return [];
  const rows = await erpDb(storage)
    .selectFrom('netsuite_on_hand')
    .innerJoin(
      'netsuite_items',
      'netsuite_items.netsuite_item_id',
      'netsuite_on_hand.netsuite_item_id',
    )
    .select([
      'netsuite_items.netsuite_item_id',
      'netsuite_items.itemid',
      'netsuite_items.matched_by',
    ])
    .distinct()
    .where('netsuite_items.item_id', 'is', null)
    .where('netsuite_on_hand.netsuite_location_id', 'in', netsuiteLocationIds)
    .orderBy('netsuite_items.netsuite_item_id')
    .execute();
  return rows.map((row) => ({
    netsuiteItemId: row.netsuite_item_id,
    itemid: row.itemid,
    reason: row.matched_by,
  }));
}
