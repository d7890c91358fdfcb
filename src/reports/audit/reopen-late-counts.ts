import { sql } from 'kysely';
import type { Clock } from '../../shared/clock.js';
import type { AuditDb } from './audit-db.js';
import { reconcileCountLines } from './reconcile-count-lines.js';

/**
 * Reopens the count lines that a late event has made stale: a movement dated at or before the
 * count (occurred_at ≤ counted_at) that trueshelf learned after the line was last reconciled
 * (learned_at > reconciled_at). Webhooks can be a day late and the nightly re-read finds what
 * they missed, so the system's figure as of a count can still change after the upload.
 * The lines are flagged (reopened = 1 stays as a mark for the report) and recomputed; the new
 * reconciled_at keeps the same movement from reopening them again.
 */
export async function reopenLateCounts(db: AuditDb, clock: Clock): Promise<number> {
  const now = clock().toISOString();

  const flagged = await sql`
    UPDATE count_lines SET reopened = 1, reopened_at = ${now}
    WHERE reconciled_at IS NOT NULL
      AND import_id IN (SELECT id FROM count_imports WHERE status = 'accepted')
      AND EXISTS (
        SELECT 1 FROM movements m
        WHERE m.item_id = count_lines.item_id AND m.location_handle = count_lines.location_handle
          AND m.occurred_at <= count_lines.counted_at
          AND m.learned_at > count_lines.reconciled_at)`.execute(db);

  const reopened = Number(flagged.numAffectedRows ?? 0);
  if (reopened > 0) await reconcileCountLines(db, { reopenedAt: now }, now);
  return reopened;
}
