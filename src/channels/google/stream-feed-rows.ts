import type { Kysely } from 'kysely';
import { activeChannelPolicies } from '../../engine/buffers/channel-policies-store.js';
import { lapsedHeldUnits, withoutLapsedHolds } from '../../engine/holds/lapsed-held-units.js';
import type { Database } from '../../storage/database-schema.js';
import type { FeedColumn } from './feed/feed-columns.js';
import { GoogleRowMapper, offerIdMissing } from './google-row-mapper.js';
import type {
  GoogleItemFacts,
  GoogleLocationFacts,
  GoogleProductResult,
} from './google-row-mapper.js';
import type { GoogleSettings } from './google-settings.js';
import type { LocalInventoryRow } from './local-inventory-row.js';

export interface StreamFeedOptions {
  /** Rows per query (1,000 unless said); memory holds one page. */
  readonly pageSize?: number;
  /** Called once per item whose offer id cannot be built; its rows are left out. */
  readonly onUnmapped?: (item: { itemId: string; sku: string | null; message: string }) => void;
  /** The instant the feed is as of: holds whose time ran out by then no longer count. */
  readonly now?: Date;
}

/**
 * The columns every Google row from trueshelf fills: pickup is always stated (NOT_SUPPORTED
 * where a store has none), so the header never depends on which rows came first.
 */
export const googleFeedColumns: readonly FeedColumn[] = [
  'id',
  'store_code',
  'availability',
  'quantity',
  'pickup_method',
  'pickup_sla',
];

/*
 * Small enough that a page is read, mapped and written before the young generation fills twice
 * (a few MB of garbage a page). At 5,000 rows a page outlived two scavenges and was promoted:
 * about 170 MB of pages passed through the old generation in a 1,000,000-row feed, and peak RSS
 * rose 40 MB above what it is with 1,000 (bench/google-feed-bench.ts). The extra queries cost
 * nothing measurable.
 */
const DEFAULT_PAGE_SIZE = 1000;

/**
 * Every (item, store) with a stored decision at a location that has a Google store code, as
 * the rows of a full local inventory feed. Pages by keyset on the decisions' primary key, so
 * memory is one page however large the catalogue, and no row is skipped or repeated. The few
 * locations are read once and each page's items in one query: joining them to every decision
 * row in SQL cost twice as long at a million rows.
 */
export async function* streamFeedRows(
  db: Kysely<Database>,
  settings: GoogleSettings,
  options: StreamFeedOptions = {},
): AsyncGenerator<LocalInventoryRow> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const now = (options.now ?? new Date()).toISOString();
  const mapper = new GoogleRowMapper(settings);
  const locations = await googleLocations(db);
  // Read once per file: the whole feed follows one set of rules.
  const rulesPolicy = (await activeChannelPolicies(db))['google'];
  let after: readonly [string, string] | null = null;
  let lastItem = null as { id: string; product: GoogleProductResult } | null;

  for (;;) {
    const page = await decisionPage(db, after, pageSize, now);
    const items = await itemsOf(db, page);

    for (const decision of page) {
      const location = locations.get(decision.location_handle);
      const item = items.get(decision.item_id);
      if (!location || !item) continue;

      // Rows come item by item, so one mapping serves all of an item's stores.
      if (lastItem?.id !== item.id) {
        lastItem = { id: item.id, product: mapper.productFor(item) };
        if (!lastItem.product.ok) {
          const message = offerIdMissing(settings, lastItem.product.missing);
          options.onUnmapped?.({ itemId: item.id, sku: item.sku, message });
        }
      }
      if (!lastItem.product.ok) continue;

      const asOfNow = withoutLapsedHolds(decision, Number(decision.lapsed_held));
      const mapped = mapper.rowFor(item, location, asOfNow, lastItem.product, rulesPolicy);
      if (mapped.ok) yield mapped.row;
    }

    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = [last.item_id, last.location_handle];
  }
}

async function googleLocations(db: Kysely<Database>): Promise<Map<string, GoogleLocationFacts>> {
  const rows = await db
    .selectFrom('locations')
    .select(['handle', 'google_store_code', 'pickup_enabled', 'pickup_time_hours'])
    .where('google_store_code', 'is not', null)
    .where('google_store_code', '!=', '')
    .execute();
  return new Map(rows.map((row) => [row.handle, row]));
}

/**
 * A page of decisions, each with the units of its holds that ran out by `now` and are not swept
 * yet: the row leaves them out, as GET /v1/availability does (only levels holding anything ask).
 */
function decisionPage(
  db: Kysely<Database>,
  after: readonly [string, string] | null,
  limit: number,
  now: string,
) {
  let query = db
    .selectFrom('decisions as d')
    .select(['d.item_id', 'd.location_handle', 'd.gross', 'd.buffer', 'd.held', 'd.sellable'])
    .select(lapsedHeldUnits(now, 'd.item_id', 'd.location_handle').as('lapsed_held'))
    .orderBy('d.item_id')
    .orderBy('d.location_handle')
    .limit(limit);
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('d.item_id', 'd.location_handle'), '>', eb.tuple(after[0], after[1])),
    );
  }
  return query.execute();
}

async function itemsOf(
  db: Kysely<Database>,
  page: readonly { item_id: string }[],
): Promise<Map<string, GoogleItemFacts>> {
  const ids = [...new Set(page.map((decision) => decision.item_id))];
  if (ids.length === 0) return new Map();

  const rows = await db
    .selectFrom('items')
    .select(['id', 'sku', 'barcode', 'shopify_variant_id'])
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}
