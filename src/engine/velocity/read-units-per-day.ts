import type { Kysely } from 'kysely';
import { computeVelocity } from '../../domain/velocity/compute-velocity.js';
import type { Database } from '../../storage/database-schema.js';
import { loadVelocityInputs } from './load-velocity-inputs.js';

/** How velocity is counted when a caller names no settings: the config defaults. */
export const DEFAULT_VELOCITY_COUNT = { windowDays: 28, minCountedDays: 7 } as const;

/**
 * The current velocity in units per day of each named item at one location, from its own
 * recorded sales (net of refunds, out-of-stock days left out, days in the location's time zone).
 * Items without enough history of their own are left out of the map rather than given a
 * default, and so is every item at a location without a time zone.
 */
export async function readUnitsPerDay(
  db: Kysely<Database>,
  locationHandle: string,
  itemIds: string[],
  options: { now?: Date; windowDays?: number; minCountedDays?: number } = {},
): Promise<Map<string, number>> {
  const now = options.now ?? new Date();
  const windowDays = options.windowDays ?? DEFAULT_VELOCITY_COUNT.windowDays;
  const minCountedDays = Math.min(
    windowDays,
    options.minCountedDays ?? DEFAULT_VELOCITY_COUNT.minCountedDays,
  );
  const unique = [...new Set(itemIds)];
  const found = new Map<string, number>();
  if (unique.length === 0) return found;

  const { inputs } = await loadVelocityInputs(db, locationHandle, windowDays, now, unique);
  for (const [itemId, input] of inputs) {
    const result = computeVelocity({
      ...input,
      defaults: { minCountedDays, floorUnitsPerDay: 0 },
    });
    if (result.ok && result.source === 'history') found.set(itemId, result.unitsPerDay);
  }
  return found;
}
