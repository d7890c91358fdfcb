import type { TrueshelfConfig } from '../../config/config-schema.js';
import type { Storage } from '../../storage/storage.js';
import { channelModesOf } from '../decision/channel-modes-of.js';
import { decideLocations } from '../decision/decide-locations.js';
import { syncRegistry } from './sync-registry.js';

/**
 * The config's locations written to the registry, then every level of a location whose
 * decision inputs the config changed (kind, managed, mode, fixed buffer) decided again, so
 * what each command reads next (`check shadow`, the API, Google's feed) follows the config.
 * Returns how many levels were decided.
 */
export async function applyLocationSettings(
  storage: Storage,
  config: Pick<Readonly<TrueshelfConfig>, 'locations' | 'shopify' | 'google'>,
  now: Date,
): Promise<number> {
  const changed = await syncRegistry(storage, config.locations, now);
  return decideLocations(storage, changed, channelModesOf(config), now.toISOString());
}
