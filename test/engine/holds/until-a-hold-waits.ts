import { sql } from 'kysely';
import type { Storage } from '../../../src/storage/storage.js';

/**
 * PostgreSQL: waits, up to 5 s, until a statement of another session waits for a row lock
 * taken by a waiting `FOR UPDATE` (the second lane's), as `watcher` sees it in
 * `pg_stat_activity`; throws when none does.
 */
export async function untilAHoldWaits(watcher: Storage): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM pg_stat_activity
      WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%' AND query NOT LIKE '%SKIP LOCKED%'`.execute(
      watcher.db,
    );
    if (Number(rows[0]?.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no hold came to wait for the level lock within 5 s');
}
