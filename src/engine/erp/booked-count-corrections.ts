import type { Kysely } from 'kysely';
import type { AuditTables } from '../../storage/audit-schema.js';
import type { Storage } from '../../storage/storage.js';
import { chunked } from './chunked.js';
import type { CountCorrection } from './count-correction.js';
import type { ErpDatabase } from './erp-database.js';

export interface BookedCorrectionsQuery {
  /**
   * `unrecorded`: no NetSuite document recorded for it yet (what the forwarder queues);
   * `unposted`: no document posted yet (what the reconciliation may still explain with).
   */
  readonly without: 'unrecorded' | 'unposted';
}

type CorrectionsDb = Kysely<ErpDatabase & AuditTables>;

/**
 * The count corrections the audit booked in Shopify (applied at a managed store), as the ERP
 * needs them. NetSuite's on hand lacks them until an inventory adjustment is posted, so they
 * are both what trueshelf posts and what explains a gap while it is not posted.
 *
 * Warehouse corrections (target `erp`) are left out: the audit queues those itself, through
 * its ERP sink, and Shopify never held them, so they explain no Shopify − NetSuite gap.
 */
export async function loadBookedCountCorrections(
  storage: Storage,
  query: BookedCorrectionsQuery,
): Promise<CountCorrection[]> {
  const db = storage.db as unknown as CorrectionsDb;
  const rows = await db
    .selectFrom('count_corrections as c')
    .select(['c.id', 'c.import_id', 'c.location_handle', 'c.applied_at', 'c.created_at'])
    .where('c.target', '=', 'shopify')
    .where('c.status', '=', 'applied')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('erp_posts as p')
            .select('p.external_id')
            .whereRef('p.source_ref', '=', 'c.id')
            .where('p.kind', '=', 'inventory_adjustment')
            .$if(query.without === 'unposted', (q) => q.where('p.status', '=', 'posted')),
        ),
      ),
    )
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  if (rows.length === 0) return [];

  const lines: Array<{ correction_id: string; item_id: string; delta: number }> = [];
  const countedAt = new Map<string, string>();
  for (const ids of chunked(
    rows.map((row) => row.id),
    500,
  )) {
    lines.push(...(await correctionLines(db, ids)));
    for (const [id, at] of await latestCountInstants(db, ids)) countedAt.set(id, at);
  }

  return rows.map((row) => ({
    id: row.id,
    locationHandle: row.location_handle,
    countedAt: countedAt.get(row.id) ?? row.applied_at ?? row.created_at,
    memo: `trueshelf cycle count ${row.import_id} at ${row.location_handle}`,
    lines: lines
      .filter((line) => line.correction_id === row.id)
      .map((line) => ({ itemId: line.item_id, delta: line.delta })),
  }));
}

async function correctionLines(db: CorrectionsDb, ids: readonly string[]) {
  return db
    .selectFrom('count_correction_lines')
    .select(['correction_id', 'item_id', 'delta'])
    .where('correction_id', 'in', ids)
    .orderBy('correction_id')
    .orderBy('item_id')
    .execute();
}

/**
 * When the shelf was counted: the latest count line of the correction's import at its
 * location among the items it corrects. The adjustment is dated that day at the store.
 */
async function latestCountInstants(
  db: CorrectionsDb,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const counted = await db
    .selectFrom('count_correction_lines as l')
    .innerJoin('count_corrections as c', 'c.id', 'l.correction_id')
    .innerJoin('count_lines as n', (join) =>
      join
        .onRef('n.import_id', '=', 'c.import_id')
        .onRef('n.location_handle', '=', 'l.location_handle')
        .onRef('n.item_id', '=', 'l.item_id'),
    )
    .select(['l.correction_id', (eb) => eb.fn.max('n.counted_at').as('countedAt')])
    .where('l.correction_id', 'in', ids)
    .groupBy('l.correction_id')
    .execute();
  return new Map(counted.map((row) => [row.correction_id, String(row.countedAt)]));
}
