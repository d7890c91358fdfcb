import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, startTestServer, TOKENS } from '../http-test-context.js';
import type { TestServer } from '../http-test-context.js';
import { seedRows } from './seed-rows.js';

describe('GET /v1/locations', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('lists the registry by handle with flags as booleans and pickup grouped', async () => {
    const seed = seedRows(t.storage);
    await seed.location({
      handle: 'queen-st',
      name: 'Queen Street',
      time_zone: 'America/Toronto',
      google_store_code: 'QS-01',
      shopify_location_id: '9007199254740993',
      netsuite_id: '14',
      managed: 1,
      mode: 'publish',
      buffer_units: 2,
      pickup_enabled: 1,
      pickup_time_hours: 1.5,
    });
    await seed.location({ handle: 'dc-east', name: 'East DC', kind: 'warehouse' });

    const response = await t.server.inject({
      method: 'GET',
      url: '/v1/locations',
      headers: bearer(TOKENS.read),
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      locations: [
        {
          handle: 'dc-east',
          name: 'East DC',
          kind: 'warehouse',
          timeZone: null,
          googleStoreCode: null,
          shopifyLocationId: null,
          netsuiteId: null,
          managed: false,
          mode: 'shadow',
          bufferUnits: 0,
          pickup: { enabled: false, pickupTimeHours: 2 },
        },
        {
          handle: 'queen-st',
          name: 'Queen Street',
          kind: 'store',
          timeZone: 'America/Toronto',
          googleStoreCode: 'QS-01',
          shopifyLocationId: '9007199254740993',
          netsuiteId: '14',
          managed: true,
          mode: 'publish',
          bufferUnits: 2,
          pickup: { enabled: true, pickupTimeHours: 1.5 },
        },
      ],
    });
  });

  it('refuses a query parameter it does not know, naming it', async () => {
    const response = await t.server.inject({
      method: 'GET',
      url: '/v1/locations?handel=queen-st',
      headers: bearer(TOKENS.read),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'invalid_request', details: { parameter: 'handel', seen: 'queen-st' } },
    });
  });
});
