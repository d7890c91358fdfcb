import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { AuditDb } from './audit-db.js';
import { movedAfterCount, systemBasis, systemFromBasis } from './as-of-count-sql.js';

/**
 * Which count lines to recompute: an import's lines not reconciled yet (those merged from
 * several file lines after the import had reconciled the first), or the lines reopened at one
 * instant.
 */
export type ReconcileScope = { pendingOf: string } | { reopenedAt: string };

/**
 * Recomputes the system's on hand as of each count line's instant, and its variance
 * (counted − system); see `as-of-count-sql.ts` for the rule. Two statements, each one pass
 * with index probes; each reads one snapshot, so a level and its deltas agree (the ledger
 * writes both in one transaction).
 */
export async function reconcileCountLines(
  db: AuditDb,
  scope: ReconcileScope,
  reconciledAt: string,
): Promise<void> {
  const level = sql`levels l WHERE l.item_id = count_lines.item_id AND l.location_handle = count_lines.location_handle`;
  const first: RawBuilder<boolean> =
    'pendingOf' in scope
      ? sql`import_id = ${scope.pendingOf} AND reconciled_at IS NULL`
      : sql`reopened_at = ${scope.reopenedAt}`;
  const then: RawBuilder<boolean> =
    'pendingOf' in scope
      ? sql`import_id = ${scope.pendingOf} AND reconciled_at = ${reconciledAt}`
      : sql`reopened_at = ${scope.reopenedAt}`;

  await sql`
    UPDATE count_lines SET
      level_on_hand = (SELECT l.on_hand FROM ${level}),
      moved_after_count = ${movedAfterCount('count_lines')},
      system_basis = ${systemBasis('count_lines', sql`EXISTS (SELECT 1 FROM ${level})`)},
      reconciled_at = ${reconciledAt}
    WHERE ${first}`.execute(db);

  const system = systemFromBasis(
    sql.ref('system_basis'),
    sql.ref('level_on_hand'),
    sql.ref('moved_after_count'),
  );
  await sql`
    UPDATE count_lines SET system_on_hand = ${system}, variance = counted_quantity - ${system}
    WHERE ${then}`.execute(db);
}
