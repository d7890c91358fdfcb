import type { LocalDay } from './local-day.js';

/**
 * One recorded sale or refund of an item at a location, at a known instant. Online demand is
 * recorded at the location that fulfilled it. A refund has a negative quantity.
 */
export interface SaleRecord {
  itemId: string;
  locationId: string;
  quantity: number;
  occurredAt: Date;
}

/**
 * A sale known only by its local day, as past sales imported from a CSV `date` column are.
 * The day is already in the location's time zone, so no conversion applies.
 */
export interface DailySaleRecord {
  itemId: string;
  locationId: string;
  quantity: number;
  localDay: LocalDay;
}

export type AnySaleRecord = SaleRecord | DailySaleRecord;
