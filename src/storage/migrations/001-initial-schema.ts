import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** The spine's tables. Types are the portable subset of SQLite and PostgreSQL. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('locations')
    .addColumn('handle', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text')
    .addColumn('google_store_code', 'text')
    .addColumn('shopify_location_id', 'text', (c) => c.unique())
    .addColumn('netsuite_id', 'text')
    .addColumn('managed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('shadow'))
    .addColumn('buffer_units', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pickup_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pickup_time_hours', 'real', (c) => c.notNull().defaultTo(2))
    .addColumn('fulfills_online', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sku', 'text')
    .addColumn('barcode', 'text')
    .addColumn('title', 'text')
    .addColumn('shopify_inventory_item_id', 'text', (c) => c.unique())
    .addColumn('shopify_variant_id', 'text')
    .addColumn('tracked', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('inventory_policy', 'text')
    .addColumn('category', 'text')
    .addColumn('price_cents', 'integer')
    .addColumn('cost_cents', 'integer')
    .addColumn('deleted_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('items_sku').on('items').column('sku').execute();
  await db.schema.createIndex('items_variant').on('items').column('shopify_variant_id').execute();

  await db.schema
    .createTable('levels')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('location_handle', 'text', (c) => c.notNull().references('locations.handle'))
    .addColumn('on_hand', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('committed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('safety_stock', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('damaged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('quality_control', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('incoming', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('placed_safety_stock', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('placed_reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('connected', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_flight_push', 'text')
    .addColumn('read_at', 'text')
    .addColumn('changed_at', 'text')
    .addPrimaryKeyConstraint('levels_pk', ['item_id', 'location_handle'])
    .addCheckConstraint(
      'levels_placed_not_negative',
      sql`placed_safety_stock >= 0 AND placed_reserved >= 0`,
    )
    .execute();

  await db.schema
    .createTable('decisions')
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('gross', 'integer', (c) => c.notNull())
    .addColumn('buffer', 'integer', (c) => c.notNull())
    .addColumn('held', 'integer', (c) => c.notNull())
    .addColumn('sellable', 'integer', (c) => c.notNull())
    .addColumn('target_safety_stock', 'integer', (c) => c.notNull())
    .addColumn('target_reserved', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decisions_pk', ['item_id', 'location_handle'])
    .execute();

  await db.schema
    .createTable('movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('quantity_after', 'integer', (c) => c.notNull())
    .addColumn('cause_kind', 'text', (c) => c.notNull())
    .addColumn('cause_ref', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('learned_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('movements_level')
    .on('movements')
    .columns(['item_id', 'location_handle', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('triggered_at', 'text')
    .addColumn('api_version', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_at', 'text')
    .addUniqueConstraint('deliveries_dedupe', ['shop', 'topic', 'webhook_id'])
    .execute();
  await db.schema
    .createIndex('deliveries_status')
    .on('deliveries')
    .columns(['status', 'received_at'])
    .execute();

  await db.schema
    .createTable('fact_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('line_ref', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('item_id', 'text')
    .addColumn('location_handle', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('matched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('fact_lines_once', ['kind', 'ref', 'line_ref'])
    .execute();
  await db.schema
    .createIndex('fact_lines_item')
    .on('fact_lines')
    .columns(['item_id', 'kind'])
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('source_name', 'text')
    .addColumn('location_handle', 'text')
    .addColumn('staff_id', 'text')
    .addColumn('cart_token', 'text')
    .addColumn('created_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('read_queue')
    .addColumn('shopify_item_id', 'text', (c) => c.notNull())
    .addColumn('shopify_location_id', 'text', (c) => c.notNull())
    .addColumn('first_signal_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('signals', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_until', 'text')
    .addPrimaryKeyConstraint('read_queue_pk', ['shopify_item_id', 'shopify_location_id'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('target_version', 'integer', (c) => c.notNull())
    .addColumn('sent_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('key_version', 'integer')
    .addColumn('claimed_by', 'text')
    .addColumn('claim_expires_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('signal_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outbox_pk', ['channel', 'item_id', 'location_handle'])
    .execute();
  await db.schema
    .createIndex('outbox_due')
    .on('outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('pushes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('location_handle', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
