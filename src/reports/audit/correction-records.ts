import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditDb } from './audit-db.js';
import type { CorrectionTarget } from './correction-plan.js';
import { COUNT_CORRECTION_CAUSE } from './ledger-causes.js';

export interface CorrectionLineDraft {
  readonly itemId: string;
  readonly delta: number;
  readonly changeFrom: number | null;
}

/** A correction as stored before it is sent: its key and the exact request. */
export interface CorrectionDraft {
  readonly id: string;
  readonly importId: string;
  readonly locationHandle: string;
  readonly target: CorrectionTarget;
  readonly key: string;
  readonly request: unknown;
  readonly lines: readonly CorrectionLineDraft[];
}

class LevelBusy extends Error {}

/**
 * Stores the correction (status `sending`, its key and request) before anything is sent, and
 * for Shopify marks its mirrored levels as having a push in flight, in one transaction. The
 * mark keeps the mirror from reading Shopify's post-correction quantities as a change of its
 * own while the answer is outstanding (the ledger would record the units twice). A level that
 * already has a push in flight refuses the whole correction: 'busy'.
 */
export async function beginCorrection(
  db: AuditDb,
  draft: CorrectionDraft,
  now: string,
  markLevels: boolean,
): Promise<'begun' | 'busy'> {
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('count_corrections')
        .values({
          id: draft.id,
          import_id: draft.importId,
          location_handle: draft.locationHandle,
          target: draft.target,
          idempotency_key: draft.key,
          request: JSON.stringify(draft.request),
          status: 'sending',
          detail: null,
          created_at: now,
          applied_at: null,
        })
        .execute();
      await trx
        .insertInto('count_correction_lines')
        .values(
          draft.lines.map((l) => ({
            correction_id: draft.id,
            item_id: l.itemId,
            location_handle: draft.locationHandle,
            delta: l.delta,
            change_from: l.changeFrom,
          })),
        )
        .execute();
      if (!markLevels) return;

      for (const line of draft.lines) {
        const level = await trx
          .selectFrom('levels')
          .select('in_flight_push')
          .where('item_id', '=', line.itemId)
          .where('location_handle', '=', draft.locationHandle)
          .executeTakeFirst();
        if (!level) continue;
        const marked = await trx
          .updateTable('levels')
          .set({ in_flight_push: draft.id })
          .where('item_id', '=', line.itemId)
          .where('location_handle', '=', draft.locationHandle)
          .where('in_flight_push', 'is', null)
          .executeTakeFirst();
        if (Number(marked.numUpdatedRows) !== 1) throw new LevelBusy(line.itemId);
      }
    });
    return 'begun';
  } catch (thrown) {
    if (thrown instanceof LevelBusy) return 'busy';
    throw thrown;
  }
}

/**
 * Shopify accepted the correction: each mirrored level takes the delta on available and on
 * hand, the ledger records it as a count correction (dated now, after the count, so it never
 * reopens the count), and the mark is cleared. The re-read that follows matches and adds
 * nothing.
 */
export async function recordShopifyCorrection(
  db: AuditDb,
  draft: CorrectionDraft,
  now: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const line of draft.lines) {
      const after = await trx
        .updateTable('levels')
        .set({
          available: sql<number>`available + ${line.delta}`,
          on_hand: sql<number>`on_hand + ${line.delta}`,
          version: sql<number>`version + 1`,
          in_flight_push: null,
          changed_at: now,
        })
        .where('item_id', '=', line.itemId)
        .where('location_handle', '=', draft.locationHandle)
        .where('in_flight_push', '=', draft.id)
        .returning(['available', 'on_hand'])
        .executeTakeFirst();
      if (!after) continue;

      await trx
        .insertInto('movements')
        .values([
          correctionMovement(draft, line.itemId, 'available', line.delta, after.available, now),
          correctionMovement(draft, line.itemId, 'on_hand', line.delta, after.on_hand, now),
        ])
        .execute();
    }
    await trx
      .updateTable('count_corrections')
      .set({ status: 'applied', applied_at: now })
      .where('id', '=', draft.id)
      .execute();
  });
}

/** The ERP booked it: nothing changes in the mirror, which reads the ERP as the authority. */
export async function recordErpCorrection(
  db: AuditDb,
  id: string,
  reference: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('count_corrections')
    .set({ status: 'applied', applied_at: now, detail: reference })
    .where('id', '=', id)
    .execute();
}

/** Refused, stale or failed: nothing was applied; the levels are free again. */
export async function abandonCorrection(
  db: AuditDb,
  draft: CorrectionDraft,
  status: 'stale' | 'rejected' | 'failed',
  detail: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('count_corrections')
      .set({ status, detail })
      .where('id', '=', draft.id)
      .execute();
    for (const line of draft.lines) {
      await trx
        .updateTable('levels')
        .set({ in_flight_push: null })
        .where('item_id', '=', line.itemId)
        .where('location_handle', '=', draft.locationHandle)
        .where('in_flight_push', '=', draft.id)
        .execute();
    }
  });
}

/** Corrections sent but never answered (a crash, or Shopify unreachable): to resend as they were. */
export async function readUnfinishedCorrections(
  db: AuditDb,
  filter: { importId: string | null; location: string | null },
): Promise<CorrectionDraft[]> {
  const rows = await db
    .selectFrom('count_corrections')
    .selectAll()
    .where('status', '=', 'sending')
    .$if(filter.importId !== null, (q) => q.where('import_id', '=', filter.importId!))
    .$if(filter.location !== null, (q) => q.where('location_handle', '=', filter.location!))
    .orderBy('created_at')
    .execute();

  const drafts: CorrectionDraft[] = [];
  for (const row of rows) {
    const lines = await db
      .selectFrom('count_correction_lines')
      .select(['item_id', 'delta', 'change_from'])
      .where('correction_id', '=', row.id)
      .orderBy('item_id')
      .execute();
    drafts.push({
      id: row.id,
      importId: row.import_id,
      locationHandle: row.location_handle,
      target: row.target === 'shopify' ? 'shopify' : 'erp',
      key: row.idempotency_key,
      request: JSON.parse(row.request) as unknown,
      lines: lines.map((l) => ({ itemId: l.item_id, delta: l.delta, changeFrom: l.change_from })),
    });
  }
  return drafts;
}

function correctionMovement(
  draft: CorrectionDraft,
  itemId: string,
  state: string,
  delta: number,
  after: number,
  now: string,
) {
  return {
    id: randomUUID(),
    item_id: itemId,
    location_handle: draft.locationHandle,
    state,
    delta,
    quantity_after: after,
    cause_kind: COUNT_CORRECTION_CAUSE,
    cause_ref: `count_correction:${draft.id}`,
    source: 'trueshelf',
    occurred_at: now,
    learned_at: now,
  };
}
