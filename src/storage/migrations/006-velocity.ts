import type { Kysely } from 'kysely';

/** Velocity: recorded sales, when each location's history begins, and the computed buffers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sales')
    .addColumn('source_ref', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('occurred_at', 'text')
    .addColumn('local_day', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  // The recompute reads one location's window at a time, by instant or by local day.
  await db.schema
    .createIndex('sales_by_instant')
    .on('sales')
    .columns(['location_handle', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('sales_by_day')
    .on('sales')
    .columns(['location_handle', 'local_day'])
    .execute();

  await db.schema
    .createTable('location_sales_history')
    .addColumn('location_handle', 'text', (c) => c.primaryKey())
    .addColumn('sales_since', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('level_buffers')
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('buffer_units', 'integer', (c) => c.notNull())
    .addColumn('rule_key', 'text', (c) => c.notNull())
    .addColumn('basis_units_per_day', 'double precision')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('proposed_units', 'integer')
    .addColumn('units_per_day', 'double precision')
    .addColumn('velocity_source', 'text')
    .addColumn('window_first_day', 'text')
    .addColumn('window_last_day', 'text')
    .addColumn('window_days', 'integer')
    .addColumn('change_reason', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('level_buffers_pk', ['item_id', 'location_handle'])
    .execute();

  await db.schema
    .createTable('buffer_rule_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
