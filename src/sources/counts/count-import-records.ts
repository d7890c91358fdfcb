import type { AuditDb } from '../../reports/audit/audit-db.js';
import type { CountImportSummary } from './count-import-result.js';

/** An import whose source broke off: its lines go, and it is marked failed. */
export async function abandonImport(db: AuditDb, importId: string): Promise<void> {
  await db.deleteFrom('count_lines').where('import_id', '=', importId).execute();
  await db
    .updateTable('count_imports')
    .set({ status: 'failed' })
    .where('id', '=', importId)
    .execute();
}

/** Marks an import accepted or refused, with its line totals. */
export async function finishImport(
  db: AuditDb,
  importId: string,
  status: 'accepted' | 'rejected',
  importedAt: string | null,
  totals: { lines: number; goodLines: number; badLines: number },
): Promise<void> {
  await db
    .updateTable('count_imports')
    .set({
      status,
      imported_at: importedAt,
      lines_read: totals.lines,
      lines_accepted: status === 'accepted' ? totals.goodLines : 0,
      lines_rejected: totals.badLines,
    })
    .where('id', '=', importId)
    .execute();
}

/** The totals of an accepted import, as reconciled. */
export async function summariseImport(db: AuditDb, importId: string): Promise<CountImportSummary> {
  const row = await db
    .selectFrom('count_lines')
    .select((eb) => [
      eb.fn.countAll().as('counts'),
      eb.fn.sum(eb.case().when('variance', 'is', null).then(1).else(0).end()).as('unreconciled'),
      eb.fn
        .sum(eb.case().when('system_on_hand', '>', 0).then(eb.ref('system_on_hand')).else(0).end())
        .as('system_units'),
      eb.fn
        .sum(
          eb.case().when('variance', 'is not', null).then(eb.ref('counted_quantity')).else(0).end(),
        )
        .as('counted_units'),
      eb.fn
        .sum(
          eb
            .case()
            .when('variance', '<', 0)
            .then(eb.neg(eb.ref('variance')))
            .else(0)
            .end(),
        )
        .as('ghost_units'),
      eb.fn
        .sum(eb.case().when('variance', '>', 0).then(eb.ref('variance')).else(0).end())
        .as('found_units'),
    ])
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();

  return {
    counts: Number(row.counts),
    unreconciled: Number(row.unreconciled ?? 0),
    systemUnits: Number(row.system_units ?? 0),
    countedUnits: Number(row.counted_units ?? 0),
    ghostUnits: Number(row.ghost_units ?? 0),
    foundUnits: Number(row.found_units ?? 0),
  };
}
