import type { Kysely } from 'kysely';

/**
 * Items gain their product's tags (Shopify `Product.tags`, copied by the sync), stored as a JSON
 * array of strings, `[]` until a sync has read them. The hold policy selects items by tag.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('items')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}
