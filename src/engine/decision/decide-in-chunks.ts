import type { LevelKey } from '../../storage/level-keys.js';
import type { Storage } from '../../storage/storage.js';
import { inWriteTransaction } from '../holds/write-transaction.js';
import { refreshDecisions } from './refresh-decision.js';
import type { ChannelModes } from './refresh-decision.js';

/** Levels decided per transaction: bounds how long one keeps its levels locked. */
const CHUNK = 500;

/**
 * Decides many levels again, however many, a transaction per `CHUNK` of them: each stored
 * decision, and every channel's value derived from it, brought up to date. Returns how many
 * levels were decided.
 */
export async function decideInChunks(
  storage: Storage,
  levels: readonly LevelKey[],
  modes: ChannelModes,
  now: string,
): Promise<number> {
  for (let start = 0; start < levels.length; start += CHUNK) {
    const chunk = levels.slice(start, start + CHUNK);
    await inWriteTransaction(storage, async (trx) => {
      await refreshDecisions(trx, chunk, modes, null, now);
      return { commit: true, value: undefined };
    });
  }
  return levels.length;
}
