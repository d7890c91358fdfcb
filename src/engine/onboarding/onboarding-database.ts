import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.js';

/** One level whose re-read confirmed a difference the signals never brought (migration 005). */
export interface DriftFindingTable {
  id: string;
  run_id: string;
  item_id: string;
  location_handle: string;
  /** JSON: the size per state, Shopify minus the mirror before the correction. */
  deltas: string;
  /** Σ |delta| over the states. */
  units: number;
  cause: string;
  /** Shopify's latest `updatedAt` among the states that differed. */
  shopify_changed_at: string | null;
  found_at: string;
}

/** What Shopify says about a location; the registry keeps what a person set. */
export interface ShopifyLocationFactTable {
  shopify_location_id: string;
  name: string;
  active: number;
  fulfills_online: number;
  pickup_offered: number;
  pickup_time: string | null;
  read_at: string;
}

export interface OnboardingTables {
  drift_findings: DriftFindingTable;
  shopify_location_facts: ShopifyLocationFactTable;
}

export type OnboardingDatabase = Database & OnboardingTables;

/**
 * A handle typed with the onboarding tables. `Database` does not list them until the lead
 * merges `OnboardingTables`; they exist once 005-onboarding has run.
 */
export function onboardingDb(db: Kysely<Database>): Kysely<OnboardingDatabase> {
  return db as unknown as Kysely<OnboardingDatabase>;
}
