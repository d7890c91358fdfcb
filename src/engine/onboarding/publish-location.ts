import type { Clock } from '../../shared/clock.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { Storage } from '../../storage/storage.js';
import { refreshDecision } from '../decision/refresh-decision.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { detectScheduledOverwrites } from './detect-scheduled-overwrites.js';

export type PublishLocationOutcome =
  | { ok: true; handle: string; levels: number }
  | { ok: false; handle: string; reason: 'scheduled_overwrites' | 'not_managed'; message: string };

/**
 * Switches a location from shadow to publish, once the connector check finds no scheduled
 * overwrites, and decides every level again so the publisher places the buffer and holds.
 * The config's `mode` wins at the next start, so the config must say publish too.
 */
export async function publishLocation(
  storage: Storage,
  handle: string,
  options: { clock: Clock; modes: ChannelModes },
): Promise<PublishLocationOutcome> {
  const location = await storage.db
    .selectFrom('locations')
    .select(['managed', 'kind'])
    .where('handle', '=', handle)
    .executeTakeFirst();
  if (!location)
    throw new TrueshelfError('unknown_location', `no location "${handle}" in the registry`, {
      handle,
    });
  if (location.managed !== 1 || location.kind !== 'store') {
    return {
      ok: false,
      handle,
      reason: 'not_managed',
      message: `location "${handle}" is not a managed store`,
    };
  }

  const now = options.clock();
  const overwrites = await detectScheduledOverwrites(storage, handle, { now });
  if (overwrites.suspected)
    return { ok: false, handle, reason: 'scheduled_overwrites', message: overwrites.message };

  const levels = await storage.db
    .selectFrom('levels')
    .select('item_id')
    .where('location_handle', '=', handle)
    .execute();
  await storage.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('locations')
      .set({ mode: 'publish' })
      .where('handle', '=', handle)
      .execute();
    for (const level of levels) {
      await refreshDecision(
        trx,
        { itemId: level.item_id, locationHandle: handle },
        options.modes,
        null,
        now.toISOString(),
      );
    }
  });
  return { ok: true, handle, levels: levels.length };
}
