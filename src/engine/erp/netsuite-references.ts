import type { Storage } from '../../storage/storage.js';
import { chunked } from './chunked.js';
import { erpDb } from './erp-database.js';

export interface NetSuiteReferences {
  /** The location's NetSuite id and time zone; undefined when it has no NetSuite id. */
  readonly location: { readonly netsuiteId: string; readonly timeZone: string | null } | undefined;
  /** Our item id → NetSuite item internal id, for the items that are matched. */
  readonly items: ReadonlyMap<string, string>;
}

/** What a document for this location and these items refers to in NetSuite. */
export async function netsuiteReferences(
  storage: Storage,
  locationHandle: string,
  itemIds: readonly string[],
): Promise<NetSuiteReferences> {
  const db = erpDb(storage);
  const location = await db
    .selectFrom('locations')
    .select(['netsuite_id', 'time_zone'])
    .where('handle', '=', locationHandle)
    .executeTakeFirst();

  const items = new Map<string, string>();
  for (const chunk of chunked([...new Set(itemIds)], 500)) {
    const rows = await db
      .selectFrom('netsuite_items')
      .select(['item_id', 'netsuite_item_id'])
      .where('item_id', 'in', chunk)
      .execute();
    for (const row of rows) if (row.item_id !== null) items.set(row.item_id, row.netsuite_item_id);
  }

  return {
    location:
      location?.netsuite_id == null
        ? undefined
        : { netsuiteId: location.netsuite_id, timeZone: location.time_zone },
    items,
  };
}
