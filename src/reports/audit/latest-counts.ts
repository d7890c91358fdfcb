import { sql } from 'kysely';
import type { AuditDb } from './audit-db.js';

export interface CountWindow {
  /** Inclusive, UTC ISO-8601; null for no lower bound. */
  readonly from: string | null;
  /** Exclusive; null for no upper bound. */
  readonly to: string | null;
}

/**
 * The latest count of each item at each location among accepted imports in the window, as a
 * `latest` common table. An item counted twice in the window weighs once in its drift: the
 * later count says what the shelf held, the earlier one is superseded.
 */
export function withLatestCounts(db: AuditDb, window: CountWindow, location: string | null = null) {
  return db
    .with('ranked', (qb) =>
      qb
        .selectFrom('count_lines as c')
        .innerJoin('count_imports as i', 'i.id', 'c.import_id')
        .where('i.status', '=', 'accepted')
        .$if(window.from !== null, (q) => q.where('c.counted_at', '>=', window.from!))
        .$if(window.to !== null, (q) => q.where('c.counted_at', '<', window.to!))
        .$if(location !== null, (q) => q.where('c.location_handle', '=', location!))
        .select([
          'c.import_id',
          'c.item_id',
          'c.location_handle',
          'c.counted_quantity',
          'c.counted_at',
          'c.system_on_hand',
          'c.variance',
          'c.reopened',
          sql<number>`ROW_NUMBER() OVER (
            PARTITION BY c.item_id, c.location_handle
            ORDER BY c.counted_at DESC, c.import_id DESC)`.as('position'),
        ]),
    )
    .with('latest', (qb) => qb.selectFrom('ranked').selectAll().where('position', '=', 1));
}
