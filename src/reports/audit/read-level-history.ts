import type { AuditDb } from './audit-db.js';
import type { LedgerEntry } from './detect-likely-causes.js';

const DAY_MS = 86_400_000;

/** A level's movements dated in the `lookbackDays` up to and including `until`, oldest first. */
export async function readLevelHistory(
  db: AuditDb,
  level: { itemId: string; locationHandle: string },
  until: Date,
  lookbackDays: number,
): Promise<LedgerEntry[]> {
  const since = new Date(until.getTime() - lookbackDays * DAY_MS).toISOString();
  const rows = await db
    .selectFrom('movements')
    .select(['id', 'state', 'delta', 'quantity_after', 'cause_kind', 'cause_ref', 'occurred_at'])
    .where('item_id', '=', level.itemId)
    .where('location_handle', '=', level.locationHandle)
    .where('occurred_at', '>=', since)
    .where('occurred_at', '<=', until.toISOString())
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();

  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    delta: r.delta,
    quantityAfter: r.quantity_after,
    causeKind: r.cause_kind,
    causeRef: r.cause_ref,
    occurredAt: r.occurred_at,
  }));
}
