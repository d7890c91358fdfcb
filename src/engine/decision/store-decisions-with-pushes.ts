import type { Kysely, QueryCreator } from 'kysely';
import type { Decision } from '../../domain/decision/decide-sellable.js';
import type { Database } from '../../storage/database-schema.js';
import { dialectOf } from '../../storage/level-keys.js';
import type { LevelKey } from '../../storage/level-keys.js';
import {
  CHUNK as PUSHES_PER_STATEMENT,
  enqueuePushes,
  upsertPushes,
} from '../outbox/enqueue-push.js';
import type { PushTarget } from '../outbox/enqueue-push.js';
import {
  CHUNK as DECISIONS_PER_STATEMENT,
  storeDecisions,
  upsertDecisions,
} from './store-decisions.js';

/**
 * Stores the decisions and queues their Shopify pushes. On PostgreSQL, when both fit one
 * statement, in one (the decisions in a data-modifying WITH): one round trip and one plan
 * instead of two, which a group of new holds, deciding every level it claimed, pays once per
 * group. Else one statement after the other, as on SQLite, whose statements cost no round trip.
 */
export async function storeDecisionsWithPushes(
  db: Kysely<Database>,
  decided: readonly { key: LevelKey; decision: Decision }[],
  pushes: readonly PushTarget[],
  now: string,
): Promise<void> {
  const together =
    dialectOf(db) === 'postgres' &&
    decided.length > 0 &&
    pushes.length > 0 &&
    decided.length <= DECISIONS_PER_STATEMENT &&
    pushes.length <= PUSHES_PER_STATEMENT;
  if (!together) {
    await storeDecisions(db, decided, now);
    await enqueuePushes(db, pushes, now);
    return;
  }

  const withDecisions = db.with('stored_decisions', (creator) =>
    upsertDecisions(creator, decided, now).returning('item_id'),
  );
  // The WITH adds a name the push statement never reads: as a creator of the same tables.
  await upsertPushes(withDecisions as unknown as QueryCreator<Database>, pushes, now).execute();
}
