import type { Kysely } from 'kysely';
import type { AuditTables } from '../../../src/storage/audit-schema.js';
import type { Storage } from '../../../src/storage/storage.js';

export interface BookedCorrectionSeed {
  readonly id: string;
  readonly importId: string;
  readonly locationHandle: string;
  /** When the shelf was counted (every line of the import at that instant). */
  readonly countedAt: string;
  readonly appliedAt: string;
  readonly lines: ReadonlyArray<{ itemId: string; delta: number; countedQuantity?: number }>;
  readonly target?: 'shopify' | 'erp';
  readonly status?: 'applied' | 'failed' | 'sending';
}

/**
 * A count correction as the audit leaves it once Shopify accepted it: the import, its count
 * lines, the correction and its lines, in the audit's own tables.
 */
export async function seedBookedCorrection(
  storage: Storage,
  seed: BookedCorrectionSeed,
): Promise<void> {
  const db = storage.db as unknown as Kysely<AuditTables>;
  await db
    .insertInto('count_imports')
    .values({
      id: seed.importId,
      source_name: 'counts.csv',
      status: 'accepted',
      keep_good_rows: 0,
      started_at: seed.countedAt,
      imported_at: seed.countedAt,
      lines_read: seed.lines.length,
      lines_accepted: seed.lines.length,
      lines_rejected: 0,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  for (const [index, line] of seed.lines.entries()) {
    await db
      .insertInto('count_lines')
      .values({
        import_id: seed.importId,
        location_handle: seed.locationHandle,
        item_id: line.itemId,
        first_line: index + 2,
        last_line: index + 2,
        line_count: 1,
        counted_quantity: line.countedQuantity ?? 0,
        counted_at: seed.countedAt,
        counter: null,
        area: null,
        system_basis: 'ledger',
        level_on_hand: null,
        moved_after_count: 0,
        system_on_hand: null,
        variance: line.delta,
        reconciled_at: seed.countedAt,
        reopened: 0,
        reopened_at: null,
      })
      .execute();
  }
  await db
    .insertInto('count_corrections')
    .values({
      id: seed.id,
      import_id: seed.importId,
      location_handle: seed.locationHandle,
      target: seed.target ?? 'shopify',
      idempotency_key: `count-${seed.id}`,
      request: '{}',
      status: seed.status ?? 'applied',
      detail: null,
      created_at: seed.appliedAt,
      applied_at: seed.status === undefined || seed.status === 'applied' ? seed.appliedAt : null,
    })
    .execute();
  await db
    .insertInto('count_correction_lines')
    .values(
      seed.lines.map((line) => ({
        correction_id: seed.id,
        item_id: line.itemId,
        location_handle: seed.locationHandle,
        delta: line.delta,
        change_from: null,
      })),
    )
    .execute();
}
