import type { LocationTable } from '../../storage/database-schema.js';
import type { GoogleSettings } from './google-settings.js';
import { pickupSlas } from './local-inventory-row.js';
import type { PickupSla } from './local-inventory-row.js';
import type { PickupSettings } from './map-local-inventory-row.js';

const HOURS_PER_DAY = 24;
const SLA_BY_DAYS: readonly PickupSla[] = [
  'NEXT_DAY',
  'TWO_DAY',
  'THREE_DAY',
  'FOUR_DAY',
  'FIVE_DAY',
  'SIX_DAY',
  'SEVEN_DAY',
];

/**
 * A store's pickup as Google reads it. A store without pickup says NOT_SUPPORTED outright (an
 * insert replaces the record, so leaving it out would not clear an older promise). With pickup,
 * the SLA is the configured one, raised when the store's own pickup time needs longer: Google
 * holds the shop to what the SLA promises.
 */
export function pickupForLocation(
  location: Pick<LocationTable, 'pickup_enabled' | 'pickup_time_hours'>,
  settings: Pick<GoogleSettings, 'pickupMethod' | 'pickupSla'>,
): PickupSettings {
  if (location.pickup_enabled !== 1 || settings.pickupMethod === 'NOT_SUPPORTED') {
    return { method: 'NOT_SUPPORTED' };
  }

  const needed = slaForHours(location.pickup_time_hours);
  const sla = later(settings.pickupSla, needed);
  return { method: settings.pickupMethod, sla };
}

/** Under a day is the shortest SLA; then whole days, rounded up; past a week, multi-week. */
export function slaForHours(hours: number): PickupSla | null {
  if (hours < HOURS_PER_DAY) return null;
  const days = Math.ceil(hours / HOURS_PER_DAY);
  return SLA_BY_DAYS[days - 1] ?? 'MULTI_WEEK';
}

function later(configured: PickupSla, needed: PickupSla | null): PickupSla {
  if (needed === null) return configured;
  return pickupSlas.indexOf(needed) > pickupSlas.indexOf(configured) ? needed : configured;
}
