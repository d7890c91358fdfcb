import type { Kysely } from 'kysely';
import type { StoreLossFigures } from '../../domain/buffers/index.js';
import { storeLossFigures } from '../../domain/buffers/index.js';
import type { AuditDb } from '../../reports/audit/audit-db.js';
import { withLatestCounts } from '../../reports/audit/latest-counts.js';
import type { Database } from '../../storage/database-schema.js';
import { velocityDb } from '../velocity/velocity-database.js';

const DAY_MS = 86_400_000;

/**
 * How a store's own loss figures are read. TODO(not a setting yet): both are fixed here and
 * stated in RISK_MODE.md; a `buffers.lossWindowDays` / `minCountedItems` setting would lift it.
 */
export const STORE_LOSS_COUNTING = { windowDays: 91, minCountedItems: 20 } as const;

/** A store's figures, with the period they were read over. */
export interface StoreLoss extends StoreLossFigures {
  location: string;
  countedFrom: string;
  countedUntil: string;
}

/**
 * The store's observed shrink and count variance, from its cycle counts: the latest accepted
 * count of each item in the trailing window whose system figure at the count is known (the
 * audit's as-of-count reconciliation; lines counted before the books began are left out), and
 * the net units those items sold there over the same window.
 */
export async function observedStoreLoss(
  db: Kysely<Database>,
  locationHandle: string,
  now: Date,
  counting: { windowDays: number; minCountedItems: number } = STORE_LOSS_COUNTING,
): Promise<StoreLoss> {
  const until = now.toISOString();
  const from = new Date(now.getTime() - counting.windowDays * DAY_MS).toISOString();
  const lines = await withLatestCounts(
    db as unknown as AuditDb,
    { from, to: until },
    locationHandle,
  )
    .selectFrom('latest')
    .select(['item_id', 'counted_quantity', 'system_on_hand'])
    .where('system_on_hand', 'is not', null)
    .execute();

  // Summed per item and picked here, not `item_id IN (...)`: a store counts thousands of items.
  const counted = new Set(lines.map((line) => line.item_id));
  const sold = await velocityDb(db)
    .selectFrom('sales')
    .select(['item_id', (eb) => eb.fn.sum<number | string | null>('quantity').as('units')])
    .where('location_handle', '=', locationHandle)
    .where((eb) =>
      eb.or([
        eb.and([eb('occurred_at', '>=', from), eb('occurred_at', '<', until)]),
        eb.and([
          eb('occurred_at', 'is', null),
          eb('local_day', '>=', from.slice(0, 10)),
          eb('local_day', '<', until.slice(0, 10)),
        ]),
      ]),
    )
    .groupBy('item_id')
    .execute();
  const unitsSold = Math.max(
    0,
    sold.reduce((sum, row) => sum + (counted.has(row.item_id) ? Number(row.units ?? 0) : 0), 0),
  );

  const levels = lines.map((line) => ({
    counted: line.counted_quantity,
    system: line.system_on_hand!,
  }));
  return {
    location: locationHandle,
    countedFrom: from,
    countedUntil: until,
    ...storeLossFigures(levels, unitsSold, counting.minCountedItems),
  };
}
