import type { Kysely } from 'kysely';

/** Cycle counts, their reconciliation and the corrections sent for them (the audit). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('count_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('keep_good_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text')
    .addColumn('lines_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lines_accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lines_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Keyed location first: count files list a store's shelf, so their lines arrive in key order
  // and a million-line file appends to the index instead of scattering over it.
  await db.schema
    .createTable('count_lines')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('first_line', 'integer', (c) => c.notNull())
    .addColumn('last_line', 'integer', (c) => c.notNull())
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('counted_quantity', 'integer', (c) => c.notNull())
    .addColumn('counted_at', 'text', (c) => c.notNull())
    .addColumn('counter', 'text')
    .addColumn('area', 'text')
    .addColumn('system_basis', 'text')
    .addColumn('level_on_hand', 'integer')
    .addColumn('moved_after_count', 'integer')
    .addColumn('system_on_hand', 'integer')
    .addColumn('variance', 'integer')
    .addColumn('reconciled_at', 'text')
    .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopened_at', 'text')
    .addPrimaryKeyConstraint('count_lines_pk', ['import_id', 'location_handle', 'item_id'])
    .execute();
  await db.schema
    .createIndex('count_lines_level')
    .on('count_lines')
    .columns(['location_handle', 'item_id', 'counted_at'])
    .execute();

  await db.schema
    .createTable('count_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .execute();
  await db.schema
    .createIndex('count_corrections_import')
    .on('count_corrections')
    .columns(['import_id', 'location_handle', 'status'])
    .execute();

  await db.schema
    .createTable('count_correction_lines')
    .addColumn('correction_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('change_from', 'integer')
    .addPrimaryKeyConstraint('count_correction_lines_pk', ['correction_id', 'item_id'])
    .execute();
  await db.schema
    .createIndex('count_correction_lines_level')
    .on('count_correction_lines')
    .columns(['location_handle', 'item_id'])
    .execute();

  // Count files name items by barcode as often as by SKU; 001 indexes only the SKU.
  await db.schema.createIndex('items_barcode').on('items').column('barcode').execute();
}
