import type { HoldStatus } from '../../storage/holds-schema.js';
import type { HoldsDb } from './holds-database.js';
import { readHolds } from './hold-view.js';
import type { HoldView } from './hold-view.js';

export interface HoldFilter {
  cartId?: string | undefined;
  location?: string | undefined;
  status?: HoldStatus | undefined;
  limit: number;
  /** The (created_at, id) of the last hold of the previous page. */
  after?: readonly [string, string] | undefined;
}

/**
 * Holds newest first, by cart, by a location one of their lines is at, or by stored status.
 * One row past the limit is read, so the caller can tell whether another page follows.
 */
export async function listHolds(db: HoldsDb, filter: HoldFilter, now: Date): Promise<HoldView[]> {
  let query = db
    .selectFrom('holds')
    .select(['holds.id'])
    .orderBy('holds.created_at', 'desc')
    .orderBy('holds.id', 'desc')
    .limit(filter.limit + 1);

  if (filter.cartId !== undefined) query = query.where('holds.cart_id', '=', filter.cartId);
  if (filter.status !== undefined) query = query.where('holds.status', '=', filter.status);
  if (filter.location !== undefined) {
    const location = filter.location;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('hold_lines as l')
          .select('l.hold_id')
          .whereRef('l.hold_id', '=', 'holds.id')
          .where('l.location_handle', '=', location),
      ),
    );
  }
  if (filter.after !== undefined) {
    const [createdAt, id] = filter.after;
    query = query.where((eb) =>
      eb.or([
        eb('holds.created_at', '<', createdAt),
        eb.and([eb('holds.created_at', '=', createdAt), eb('holds.id', '<', id)]),
      ]),
    );
  }

  const ids = (await query.execute()).map((row) => row.id);
  return readHolds(db, ids, now);
}
