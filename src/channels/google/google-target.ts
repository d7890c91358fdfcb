import { applyChannelPolicy, stricterChannelPolicy } from '../../domain/buffers/channel-policy.js';
import type { ChannelPolicy } from '../../domain/buffers/channel-policy.js';
import type { DecisionTable, LocationTable } from '../../storage/database-schema.js';
import { availabilityFor } from './availability-bands.js';
import type { AvailabilityThresholds } from './availability-bands.js';
import type { GoogleSettings } from './google-settings.js';
import { localAvailabilities } from './local-inventory-row.js';
import type { LocalAvailability } from './local-inventory-row.js';

/** What the engine puts in the outbox for Google: the store, and what it will be shown. */
export interface GoogleTarget {
  readonly storeCode: string;
  readonly quantity: number;
  readonly availability: LocalAvailability;
}

export function googleChannelPolicy(settings: GoogleSettings): ChannelPolicy {
  return {
    ...(settings.zeroAtOrBelowUnits !== undefined
      ? { zeroAtOrBelow: settings.zeroAtOrBelowUnits }
      : {}),
    ...(settings.maxShownUnits !== undefined ? { maxShown: settings.maxShownUnits } : {}),
  };
}

export function googleThresholds(settings: GoogleSettings): AvailabilityThresholds {
  return { inStockFrom: settings.inStockFromUnits, limitedFrom: settings.limitedFromUnits };
}

/**
 * Sellable after Google's policy: the one number both the API and the file carry. `rules` is
 * `channels.google` of the buffer rules; with the config's own settings the stricter part wins.
 */
export function googleQuantityFor(
  sellable: number,
  settings: GoogleSettings,
  rules: ChannelPolicy = {},
): number {
  const policy = stricterChannelPolicy(googleChannelPolicy(settings), rules);
  return Math.max(0, Math.floor(applyChannelPolicy(sellable, policy).shown));
}

/**
 * The Google target for one stored decision, or null where Google gets nothing (a location
 * without a store code). Derived from `decisions.sellable` only, never recomputed.
 */
export function googleTargetFor(
  decision: Pick<DecisionTable, 'sellable'>,
  location: Pick<LocationTable, 'google_store_code'>,
  settings: GoogleSettings,
  rules: ChannelPolicy = {},
): GoogleTarget | null {
  const storeCode = location.google_store_code;
  if (!storeCode) return null;

  const quantity = googleQuantityFor(decision.sellable, settings, rules);
  return {
    storeCode,
    quantity,
    availability: availabilityFor(quantity, googleThresholds(settings)),
  };
}

/**
 * Whether a new target must go at once: nothing was sent before, the store changed, or the
 * availability band did (what shoppers see as "in stock"). A quantity inside the same band can
 * wait for the debounce, which coalesces a burst of sales into one insert.
 */
export function isBandChange(previous: GoogleTarget | null, next: GoogleTarget): boolean {
  if (!previous) return true;
  return previous.storeCode !== next.storeCode || previous.availability !== next.availability;
}

/** An outbox row's target text back as a target; null when it is not one (or absent). */
export function parseGoogleTarget(text: string | null | undefined): GoogleTarget | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;

  const { storeCode, quantity, availability } = value as Record<string, unknown>;
  const known = (localAvailabilities as readonly unknown[]).includes(availability);
  if (typeof storeCode !== 'string' || typeof quantity !== 'number' || !known) return null;
  return { storeCode, quantity, availability: availability as LocalAvailability };
}
