import type { Kysely } from 'kysely';
import { compareLevels, levelKey } from '../../domain/holds/hold-demand.js';
import type { Database } from '../../storage/database-schema.js';
import { refreshDecision } from '../decision/refresh-decision.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import type { LevelRef } from './held-units.js';

/**
 * Decides each level whose holds changed once, in lock order, inside the caller's transaction
 * (so its outbox push commits with the change, and an alert is reviewed even at no holds).
 * `expiryReleasedAt` are levels whose expired holds the caller already released at `now` in
 * this transaction; their decisions do not look for expired holds again.
 */
export async function refreshLevels(
  trx: Kysely<Database>,
  levels: readonly LevelRef[],
  modes: ChannelModes,
  now: string,
  expiryReleasedAt: readonly LevelRef[] = [],
): Promise<void> {
  const released = new Set(expiryReleasedAt.map(levelKey));
  const unique = new Map<string, LevelRef>();
  for (const level of levels) {
    unique.set(levelKey(level), { itemId: level.itemId, locationHandle: level.locationHandle });
  }

  for (const level of [...unique.values()].sort(compareLevels)) {
    await refreshDecision(trx, level, modes, null, now, {
      holdsChanged: true,
      expiryReleased: released.has(levelKey(level)),
    });
  }
}
