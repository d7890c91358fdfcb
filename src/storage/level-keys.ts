import { SqliteAdapter, sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Dialect } from './storage.js';

/** A level as the tables key it: one item at one location. */
export interface LevelKey {
  readonly itemId: string;
  readonly locationHandle: string;
}

/** The engine behind a handle (the pool, a connection or a transaction). */
export function dialectOf<DB>(db: Kysely<DB>): Dialect {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

/**
 * `(item, location) IN (the given levels)`, for a statement over many levels at once. The
 * levels travel as one JSON parameter that the database unpacks, so the statement's text is
 * the same however many there are (SQLite keeps it prepared), and no engine's limit on
 * parameters is met. Both engines look each pair up on an index led by the two columns. One
 * level, the common case, is two plain equalities: nothing to unpack.
 */
export function inLevelKeys(
  dialect: Dialect,
  levels: readonly LevelKey[],
  columns: { item: string; location: string },
): RawBuilder<boolean> {
  const [only] = levels;
  if (levels.length === 1 && only) {
    return sql<boolean>`(${sql.ref(columns.item)} = ${only.itemId}
      AND ${sql.ref(columns.location)} = ${only.locationHandle})`;
  }

  const json = JSON.stringify(levels.map((level) => [level.itemId, level.locationHandle]));
  const elements =
    dialect === 'postgres'
      ? sql`json_array_elements(CAST(${json} AS json)) AS e(value)`
      : sql`json_each(${json}) AS e`;
  return sql<boolean>`(${sql.ref(columns.item)}, ${sql.ref(columns.location)}) IN (
    SELECT e.value ->> 0, e.value ->> 1 FROM ${elements})`;
}
