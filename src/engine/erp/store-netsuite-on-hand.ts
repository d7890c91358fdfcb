import { sql } from 'kysely';
import type { ItemLocationStock } from '../../sources/netsuite/item-location-stock.js';
import type { Storage } from '../../storage/storage.js';
import { chunked } from './chunked.js';
import { erpTrx } from './erp-database.js';

export interface OnHandSnapshot {
  readonly netsuiteLocationId: string;
  /** `<table>:<location id>`: where the watermark is kept. */
  readonly scope: string;
  readonly rows: readonly ItemLocationStock[];
  /** The latest `modifiedAt` among the rows, if any. */
  readonly watermark: string | undefined;
  /** A full read: rows of this location it did not return are gone from NetSuite. */
  readonly full: boolean;
  readonly readAt: string;
}

/**
 * Stores one location's read and moves its watermark in one transaction, so a crash never
 * leaves the watermark past rows that were not stored. Each row is an absolute snapshot of on
 * hand and replaces the stored one; storing the same row twice changes nothing.
 */
export async function storeNetSuiteOnHand(
  storage: Storage,
  snapshot: OnHandSnapshot,
): Promise<void> {
  await storage.db.transaction().execute(async (trx) => {
    const db = erpTrx(trx);
    const values = snapshot.rows.map((row) => ({
      netsuite_item_id: row.itemId,
      netsuite_location_id: row.locationId,
      on_hand: row.onHand,
      committed_in_netsuite: row.committedInNetSuite,
      available_in_netsuite: row.availableInNetSuite,
      on_order: row.onOrder,
      in_transit: row.inTransit,
      modified_at: row.modifiedAt ?? null,
      read_at: snapshot.readAt,
    }));

    for (const chunk of chunked(values, 100)) {
      await db
        .insertInto('netsuite_on_hand')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['netsuite_item_id', 'netsuite_location_id']).doUpdateSet((eb) => ({
            on_hand: eb.ref('excluded.on_hand'),
            committed_in_netsuite: eb.ref('excluded.committed_in_netsuite'),
            available_in_netsuite: eb.ref('excluded.available_in_netsuite'),
            on_order: eb.ref('excluded.on_order'),
            in_transit: eb.ref('excluded.in_transit'),
            modified_at: eb.ref('excluded.modified_at'),
            read_at: eb.ref('excluded.read_at'),
          })),
        )
        .execute();
    }

    // Rows a full read did not return were read before this read began: NetSuite dropped them.
    if (snapshot.full) {
      await db
        .deleteFrom('netsuite_on_hand')
        .where('netsuite_location_id', '=', snapshot.netsuiteLocationId)
        .where('read_at', '<', snapshot.readAt)
        .execute();
    }

    if (snapshot.watermark === undefined) return;
    // Text order is time order for YYYY-MM-DD HH24:MI:SS; the watermark only moves forward.
    await db
      .insertInto('netsuite_watermarks')
      .values({ scope: snapshot.scope, watermark: snapshot.watermark, polled_at: snapshot.readAt })
      .onConflict((oc) =>
        oc.column('scope').doUpdateSet((eb) => ({
          watermark: sql<string>`CASE WHEN excluded.watermark > netsuite_watermarks.watermark
            THEN excluded.watermark ELSE netsuite_watermarks.watermark END`,
          polled_at: eb.ref('excluded.polled_at'),
        })),
      )
      .execute();
  });
}

export async function readWatermark(storage: Storage, scope: string): Promise<string | undefined> {
  const row = await erpTrx(storage.db)
    .selectFrom('netsuite_watermarks')
    .select('watermark')
    .where('scope', '=', scope)
    .executeTakeFirst();
  return row?.watermark;
}
