import type { LocationSettings } from '../../config/config-schema.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { Storage } from '../../storage/storage.js';

/**
 * Writes the configured location registry. What a person sets (time zone, store code, managed,
 * mode, buffer, pickup) comes from the config and wins over what Shopify reported. Returns the
 * handles of the locations already registered whose settings that a decision reads (kind,
 * managed, mode, fixed buffer) the config changed: their levels' stored decisions are out of
 * date until decided again (`decideLocations`).
 */
export async function syncRegistry(
  storage: Storage,
  locations: readonly LocationSettings[],
  now: Date,
): Promise<string[]> {
  const at = now.toISOString();
  const changed: string[] = [];

  for (const location of locations) {
    const values = {
      name: location.name ?? location.handle,
      kind: location.kind,
      time_zone: location.timeZone ?? null,
      google_store_code: location.googleStoreCode ?? null,
      netsuite_id: location.netsuiteId ?? null,
      managed: location.managed ? 1 : 0,
      mode: location.mode,
      buffer_units: location.bufferUnits,
      pickup_enabled: location.pickup.enabled ? 1 : 0,
      pickup_time_hours: location.pickup.pickupTimeHours,
      updated_at: at,
    };

    await storage.db.transaction().execute(async (trx) => {
      // A location first seen through Shopify was registered under a generated handle: adopt it,
      // unless stock is already mirrored under that handle (its rows name it).
      if (location.shopifyLocationId) {
        const earlier = await trx
          .selectFrom('locations')
          .select('handle')
          .where('shopify_location_id', '=', location.shopifyLocationId)
          .where('handle', '!=', location.handle)
          .executeTakeFirst();
        if (earlier) {
          const stocked = await trx
            .selectFrom('levels')
            .select('item_id')
            .where('location_handle', '=', earlier.handle)
            .limit(1)
            .executeTakeFirst();
          if (stocked) {
            throw new TrueshelfError(
              'config_invalid',
              `locations: "${location.handle}" names Shopify location ${location.shopifyLocationId}, already mirrored with stock as "${earlier.handle}"; use handle "${earlier.handle}" in the config, or start from an empty database`,
              { handle: location.handle, existing: earlier.handle },
            );
          }
          await trx
            .updateTable('locations')
            .set({ ...values, handle: location.handle, origin: 'both' })
            .where('handle', '=', earlier.handle)
            .execute();
        }
      }

      const before = await trx
        .selectFrom('locations')
        .select(['kind', 'managed', 'mode', 'buffer_units'])
        .where('handle', '=', location.handle)
        .executeTakeFirst();
      if (before && decisionInputsDiffer(before, values)) changed.push(location.handle);

      await trx
        .insertInto('locations')
        .values({
          handle: location.handle,
          shopify_location_id: location.shopifyLocationId ?? null,
          fulfills_online: 1,
          active: 1,
          origin: 'config',
          ...values,
        })
        .onConflict((oc) =>
          oc.column('handle').doUpdateSet({
            ...values,
            shopify_location_id: location.shopifyLocationId ?? null,
          }),
        )
        .execute();
    });
  }
  return changed;
}

type DecisionInputs = { kind: string; managed: number; mode: string; buffer_units: number };

function decisionInputsDiffer(before: DecisionInputs, after: DecisionInputs): boolean {
  return (
    before.kind !== after.kind ||
    before.managed !== after.managed ||
    before.mode !== after.mode ||
    before.buffer_units !== after.buffer_units
  );
}
