import type { AppContext } from '../../app/app-context.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';

/**
 * Run only when a filtered list came back empty, so the common case costs no extra query: an
 * empty list for a handle or item id that does not exist is a 404, not a silent nothing.
 */
export async function assertKnownTargets(
  ctx: AppContext,
  filters: { location?: string | undefined; item?: string | undefined },
): Promise<void> {
  const { db } = ctx.storage;

  if (filters.location !== undefined) {
    const found = await db
      .selectFrom('locations')
      .select('handle')
      .where('handle', '=', filters.location)
      .executeTakeFirst();
    if (!found) {
      throw new TrueshelfError(
        'unknown_location',
        `no location with handle "${filters.location}"`,
        {
          parameter: 'location',
          seen: filters.location,
          expected: 'a handle listed by GET /v1/locations',
        },
      );
    }
  }

  if (filters.item !== undefined) {
    const found = await db
      .selectFrom('items')
      .select('id')
      .where('id', '=', filters.item)
      .executeTakeFirst();
    if (!found) {
      throw new TrueshelfError('unknown_item', `no item with id "${filters.item}"`, {
        parameter: 'item',
        seen: filters.item,
        expected: 'an item id listed by GET /v1/items',
      });
    }
  }
}
