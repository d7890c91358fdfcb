import type { Kysely } from 'kysely';

/**
 * Items gain `tags_updated_at`: the Shopify product `updated_at` (UTC ISO-8601) of the
 * `products/create|update` delivery that last set their tags, so one arriving late with an older
 * `updated_at` does not put back tags changed since. Null until such a delivery changes them.
 *
 * `items.updated_at` cannot serve: it is trueshelf's own clock, written by the sync, the
 * inventory item topics and the mirror, so a tag change still in flight would look older than
 * an unrelated write made after it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('items').addColumn('tags_updated_at', 'text').execute();
}
