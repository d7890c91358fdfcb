import type { Kysely } from 'kysely';

/** The ERP mirror: NetSuite on hand, item matching, poll watermarks, and posted documents. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('netsuite_on_hand')
    .addColumn('netsuite_item_id', 'text', (c) => c.notNull())
    .addColumn('netsuite_location_id', 'text', (c) => c.notNull())
    .addColumn('on_hand', 'double precision', (c) => c.notNull())
    .addColumn('committed_in_netsuite', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('available_in_netsuite', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('on_order', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('in_transit', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('modified_at', 'text')
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('netsuite_on_hand_pk', ['netsuite_item_id', 'netsuite_location_id'])
    .execute();
  await db.schema
    .createIndex('netsuite_on_hand_location')
    .on('netsuite_on_hand')
    .column('netsuite_location_id')
    .execute();

  // NULL item ids do not collide under UNIQUE in either engine, so unmatched items can pile up.
  await db.schema
    .createTable('netsuite_items')
    .addColumn('netsuite_item_id', 'text', (c) => c.primaryKey())
    .addColumn('itemid', 'text')
    .addColumn('externalid', 'text')
    .addColumn('item_id', 'text', (c) => c.unique())
    .addColumn('matched_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('netsuite_watermarks')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('watermark', 'text', (c) => c.notNull())
    .addColumn('polled_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('erp_posts')
    .addColumn('external_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('netsuite_id', 'text')
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text')
    .execute();
  await db.schema
    .createIndex('erp_posts_source')
    .on('erp_posts')
    .columns(['kind', 'source_ref'])
    .execute();
}
