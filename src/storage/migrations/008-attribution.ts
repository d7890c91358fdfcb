import type { Kysely } from 'kysely';

/**
 * Attribution: each order's payload and state, refund and fulfilment bodies, the fulfilment
 * orders webhooks named, and the credit ledger.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attribution_orders')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('order_name', 'text')
    .addColumn('payload', 'text')
    .addColumn('payload_updated_at', 'text')
    .addColumn('fingerprint', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('classes', 'text')
    .addColumn('tags_wanted', 'text')
    .addColumn('tags_written', 'text')
    .addColumn('tagged_at', 'text')
    .addColumn('attributed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attribution_orders_due')
    .on('attribution_orders')
    .columns(['status', 'due_at'])
    .execute();

  await db.schema
    .createTable('attribution_order_extras')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attribution_order_extras_pk', ['kind', 'ref'])
    .execute();
  await db.schema
    .createIndex('attribution_order_extras_order')
    .on('attribution_order_extras')
    .column('order_id')
    .execute();

  await db.schema
    .createTable('attribution_fulfilment_orders')
    .addColumn('fulfillment_order_id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text')
    .addColumn('signalled_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('attribution_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_key', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('order_name', 'text')
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('cause_ref', 'text', (c) => c.notNull())
    .addColumn('line_item_id', 'text', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('credit', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('party_ref', 'text')
    .addColumn('selling_handle', 'text')
    .addColumn('fulfilling_handle', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text')
    .addColumn('day_handle', 'text')
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('presentment_amount_minor', 'integer', (c) => c.notNull())
    .addColumn('presentment_currency', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attribution_entries_order')
    .on('attribution_entries')
    .columns(['order_id', 'entry_key'])
    .execute();
  await db.schema
    .createIndex('attribution_entries_occurred')
    .on('attribution_entries')
    .column('occurred_at')
    .execute();
}
