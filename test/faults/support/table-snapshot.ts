import type { Storage } from '../../../src/storage/storage.js';

/** Every row of every table, each table's rows as sorted JSON lines: what "state" means here. */
export type TableSnapshot = ReadonlyMap<string, readonly string[]>;

export async function snapshotTables(storage: Storage): Promise<TableSnapshot> {
  const tables = await storage.db.introspection.getTables();
  const snapshot = new Map<string, string[]>();
  for (const table of tables) {
    if (table.name.startsWith('kysely_')) continue;
    const rows = await storage.db
      .selectFrom(table.name as never)
      .selectAll()
      .execute();
    snapshot.set(table.name, rows.map((row) => JSON.stringify(row)).sort());
  }
  return snapshot;
}

/** The tables whose rows differ, each with how many rows appeared and disappeared. */
export function changedTables(before: TableSnapshot, after: TableSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  const changed: string[] = [];
  for (const name of [...names].sort()) {
    const was = new Set(before.get(name) ?? []);
    const now = new Set(after.get(name) ?? []);
    const added = [...now].filter((row) => !was.has(row)).length;
    const removed = [...was].filter((row) => !now.has(row)).length;
    if (added > 0 || removed > 0) changed.push(`${name}: +${added} −${removed}`);
  }
  return changed;
}
