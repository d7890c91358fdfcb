import { levelKey } from '../../domain/holds/hold-demand.js';
import type { Storage } from '../../storage/storage.js';
import { refreshDecisions } from '../decision/refresh-decision.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import type { LevelRef } from './held-units.js';
import type { GroupOutcome, NewHold } from './new-hold.js';
import { KEY_LOOKUPS_ONLY, placeNewHoldsOnPostgres } from './postgres-new-hold.js';
import { SqliteNewHold } from './sqlite-new-hold.js';
import { inWriteTransaction } from './write-transaction.js';

/**
 * Places a group of holds for carts with nothing held yet, each all lines or none, and decides
 * the levels they claimed, in one transaction: on SQLite as prepared statements inside the
 * shared write batch, on PostgreSQL as one function call; then one decision per claimed level
 * (`refreshDecisions`: its sellable stored, Shopify's push and Google's target queued, its
 * held units checked against gross), whatever the number of holds that claimed it. So a hold
 * is answered with its channels' work already stored, and one COMMIT serves the whole group.
 *
 * Anything a hold meets that the step does not handle (a key seen before, a hold of the cart
 * to replace, holds at a short level that may have run out) leaves it untouched, answered
 * `general`, for the general path (`placeHold`). Outcomes come in the order of the holds.
 * Asked not to wait for locks (`waitForLocks: false`, PostgreSQL), the step answers a hold one
 * of whose levels another transaction holds `busy`, untouched, instead of waiting for it; and a
 * hold at a level whose holds may have run out, since releasing them locks their other levels.
 */
export async function placeNewHolds(
  storage: Storage,
  holds: readonly NewHold[],
  modes: ChannelModes,
  options: { waitForLocks: boolean } = { waitForLocks: true },
): Promise<GroupOutcome[]> {
  if (holds.length === 0) return [];
  const now = holds.reduce(
    (latest, hold) => (hold.now > latest ? hold.now : latest),
    holds[0]!.now,
  );

  return inWriteTransaction(
    storage,
    async (trx) => {
      const connection = storage.sqlite;
      const { outcomes, known } = connection
        ? { outcomes: SqliteNewHold.on(connection).placeAll(holds), known: undefined }
        : await placeNewHoldsOnPostgres(trx, holds, { ...options, decidedAt: now });

      const claimed = claimedLevels(holds, outcomes);
      if (claimed.length === 0) return { commit: false, value: outcomes };

      const requests = claimed.map((level) => ({ ...level, holdsChanged: true }));
      await refreshDecisions(trx, requests, modes, null, now, known);
      return { commit: true, value: outcomes };
    },
    { settings: KEY_LOOKUPS_ONLY },
  );
}

/** Each level a placed hold claimed, once. */
function claimedLevels(holds: readonly NewHold[], outcomes: readonly GroupOutcome[]): LevelRef[] {
  const levels = new Map<string, LevelRef>();
  holds.forEach((hold, index) => {
    if (outcomes[index]?.kind !== 'placed') return;
    for (const level of hold.demand) {
      const ref = { itemId: level.itemId, locationHandle: level.locationHandle };
      levels.set(levelKey(ref), ref);
    }
  });
  return [...levels.values()];
}
