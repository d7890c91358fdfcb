import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import type { LocationTable } from '../../storage/database-schema.js';
import { parseQuery } from '../parse-query.js';

export const locationsQuery = z.strictObject({});

export interface LocationView {
  handle: string;
  name: string;
  kind: string;
  timeZone: string | null;
  googleStoreCode: string | null;
  shopifyLocationId: string | null;
  netsuiteId: string | null;
  managed: boolean;
  mode: string;
  bufferUnits: number;
  pickup: { enabled: boolean; pickupTimeHours: number };
}

/** `GET /v1/locations`: the location registry, config and Shopify merged, by handle. */
export function registerLocationsRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/locations', { config: { scope: 'read' } }, async (request) => {
    parseQuery(locationsQuery, request.query);

    const rows = await ctx.storage.db
      .selectFrom('locations')
      .selectAll()
      .orderBy('handle')
      .execute();
    return { locations: rows.map(locationView) };
  });
}

function locationView(row: Selectable<LocationTable>): LocationView {
  return {
    handle: row.handle,
    name: row.name,
    kind: row.kind,
    timeZone: row.time_zone,
    googleStoreCode: row.google_store_code,
    shopifyLocationId: row.shopify_location_id,
    netsuiteId: row.netsuite_id,
    managed: row.managed === 1,
    mode: row.mode,
    bufferUnits: row.buffer_units,
    pickup: { enabled: row.pickup_enabled === 1, pickupTimeHours: row.pickup_time_hours },
  };
}
