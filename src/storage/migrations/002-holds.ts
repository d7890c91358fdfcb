import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Holds: time-limited claims on units at a store for a cart or a pickup, the idempotency keys of
 * the requests that placed them, the alerts raised when a held unit is sold from under one, and
 * the pickup orders the store has to prepare.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Units of live holds at the level, changed only by conditional single statements.
  await db.schema
    .alterTable('levels')
    .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cart_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('grace_until', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('order_id', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  // One live claim per cart, enforced by the database and not only by the code that checks.
  await db.schema
    .createIndex('holds_one_active_per_cart')
    .on('holds')
    .column('cart_id')
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
  await db.schema
    .createIndex('holds_cart')
    .on('holds')
    .columns(['cart_id', 'created_at'])
    .execute();
  await db.schema.createIndex('holds_due').on('holds').columns(['status', 'expires_at']).execute();

  await db.schema
    .createTable('hold_lines')
    .addColumn('hold_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addPrimaryKeyConstraint('hold_lines_pk', ['hold_id', 'item_id', 'location_handle'])
    .addCheckConstraint('hold_lines_quantity_positive', sql`quantity > 0`)
    .execute();
  await db.schema
    .createIndex('hold_lines_level')
    .on('hold_lines')
    .columns(['item_id', 'location_handle'])
    .execute();

  await db.schema
    .createTable('hold_requests')
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('hold_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hold_requests_pk', ['client', 'idempotency_key'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('hold_ids', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('units_short', 'integer', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema
    .createIndex('alerts_level')
    .on('alerts')
    .columns(['location_handle', 'item_id', 'kind', 'resolved_at'])
    .execute();

  await db.schema
    .createTable('pickup_orders')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('location_handle', 'text')
    .addColumn('hold_id', 'text')
    .addColumn('fulfillment_order_id', 'text')
    .addColumn('ordered_at', 'text', (c) => c.notNull())
    .addColumn('ready_at', 'text')
    .addColumn('picked_up_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pickup_orders_location')
    .on('pickup_orders')
    .columns(['location_handle', 'ordered_at'])
    .execute();

  // Fulfilment orders named by a webhook, to be looked up once: pickup or not, where, which order.
  await db.schema
    .createTable('pickup_lookups')
    .addColumn('fulfillment_order_id', 'text', (c) => c.primaryKey())
    .addColumn('ready_signal_at', 'text')
    .addColumn('signalled_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved_at', 'text')
    .execute();
}
