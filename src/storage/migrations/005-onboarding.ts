import type { Kysely } from 'kysely';

/** Onboarding: drift the nightly re-read confirmed, and what Shopify says about each location. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('drift_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('deltas', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('shopify_changed_at', 'text')
    .addColumn('found_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('drift_findings_level')
    .on('drift_findings')
    .columns(['location_handle', 'item_id', 'found_at'])
    .execute();

  // Shopify's own settings, kept apart from the registry, where the config's values win.
  await db.schema
    .createTable('shopify_location_facts')
    .addColumn('shopify_location_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('fulfills_online', 'integer', (c) => c.notNull())
    .addColumn('pickup_offered', 'integer', (c) => c.notNull())
    .addColumn('pickup_time', 'text')
    .addColumn('read_at', 'text', (c) => c.notNull())
    .execute();
}
