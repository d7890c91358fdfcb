import { sql } from 'kysely';
import type { AuditDb } from '../../reports/audit/audit-db.js';
import type { CountLineTable } from '../../storage/audit-schema.js';

// 8 columns × 1,000 rows stays far below SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const INSERT_CHUNK = 1000;

/** Writes a batch of good lines. */
export async function insertCountLines(db: AuditDb, lines: readonly CountLineTable[]): Promise<void> {
  for (let from = 0; from < lines.length; from += INSERT_CHUNK) {
    await db.insertInto('count_lines').values(lines.slice(from, from + INSERT_CHUNK)).execute();
  }
}

/** Drops the lines of a rejected import: a file with errors is kept whole or not at all. */
export async function deleteCountLines(db: AuditDb, importId: string): Promise<void> {
  await db.deleteFrom('count_lines').where('import_id', '=', importId).execute();
}

/**
 * One count per item and location of the import: lines for the same item and location add up
 * (the back room and the floor are counted as areas), and the count stands at the latest
 * instant among them. Done in the database, so a million lines need no memory here.
 */
export async function groupLinesIntoCounts(db: AuditDb, importId: string): Promise<number> {
  const result = await db
    .insertInto('counts')
    .columns(['import_id', 'item_id', 'location_handle', 'counted_quantity', 'counted_at', 'line_count', 'reopened'])
    .expression((eb) =>
      eb
        .selectFrom('count_lines')
        .select([
          'import_id',
          'item_id',
          'location_handle',
          sql<number>`SUM(counted_quantity)`.as('counted_quantity'),
          sql<string>`MAX(counted_at)`.as('counted_at'),
          sql<number>`COUNT(*)`.as('line_count'),
          sql<number>`0`.as('reopened'),
        ])
        .where('import_id', '=', importId)
        .groupBy(['import_id', 'item_id', 'location_handle']),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
