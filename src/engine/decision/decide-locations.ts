import type { LevelKey } from '../../storage/level-keys.js';
import type { Storage } from '../../storage/storage.js';
import { decideInChunks } from './decide-in-chunks.js';
import type { ChannelModes } from './refresh-decision.js';

/**
 * Decides every level of the named locations again: after the config changed what their
 * decisions read (`syncRegistry` names them), so the stored buffer, sellable and targets, and
 * `check shadow`, the API and Google, follow the new settings at once, not level by level as
 * each next sells. Returns how many levels were decided.
 */
export async function decideLocations(
  storage: Storage,
  handles: readonly string[],
  modes: ChannelModes,
  now: string,
): Promise<number> {
  if (handles.length === 0) return 0;

  const levels: LevelKey[] = await storage.db
    .selectFrom('levels')
    .select(['item_id as itemId', 'location_handle as locationHandle'])
    .where('location_handle', 'in', [...handles])
    .orderBy('location_handle')
    .orderBy('item_id')
    .execute();
  return decideInChunks(storage, levels, modes, now);
}
