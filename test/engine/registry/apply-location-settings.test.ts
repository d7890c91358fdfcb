import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locationSettingsSchema } from '../../../src/config/config-schema.js';
import { googleSettingsFrom } from '../../../src/channels/google/google-settings.js';
import { refreshDecision } from '../../../src/engine/decision/refresh-decision.js';
import { shadowReport } from '../../../src/engine/onboarding/shadow-report.js';
import { applyLocationSettings } from '../../../src/engine/registry/apply-location-settings.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { T0, seedLevel } from '../holds/hold-fixture.js';

const NOW = new Date(T0);

/** The config as `applyLocationSettings` reads it: the store, the channels in shadow. */
function config(store: Record<string, unknown>) {
  return {
    locations: [
      locationSettingsSchema.parse({ handle: 'north', timeZone: 'America/New_York', ...store }),
    ],
    shopify: { mode: 'shadow' as const },
    google: { ...googleSettingsFrom({}), mode: 'shadow' as const },
  } as Parameters<typeof applyLocationSettings>[1];
}

describe(`a store's settings changed in the config, on ${testEngine}`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    // Two items at an unmanaged store with no buffer, decided as such: sellable 6 and 4.
    await seedLevel(database.storage, { item: 'tee', location: 'north', available: 6 });
    await seedLevel(database.storage, { item: 'mug', location: 'north', available: 4 });
    await applyLocationSettings(database.storage, config({ managed: false }), NOW);
    for (const itemId of ['tee', 'mug']) {
      await refreshDecision(
        database.storage.db,
        { itemId, locationHandle: 'north' },
        { shopify: 'shadow', google: 'shadow' },
        null,
        T0,
      );
    }
  });
  afterEach(async () => database.close());

  const decisions = () =>
    database.storage.db
      .selectFrom('decisions')
      .select(['item_id', 'buffer', 'sellable', 'target_safety_stock'])
      .orderBy('item_id')
      .execute();

  it('decides its levels again at once: a buffer of 2 on a managed store', async () => {
    expect(await decisions()).toEqual([
      { item_id: 'mug', buffer: 0, sellable: 4, target_safety_stock: 0 },
      { item_id: 'tee', buffer: 0, sellable: 6, target_safety_stock: 0 },
    ]);

    const decided = await applyLocationSettings(
      database.storage,
      config({ managed: true, bufferUnits: 2 }),
      NOW,
    );

    expect(decided).toBe(2);
    expect(await decisions()).toEqual([
      { item_id: 'mug', buffer: 2, sellable: 2, target_safety_stock: 2 },
      { item_id: 'tee', buffer: 2, sellable: 4, target_safety_stock: 2 },
    ]);
    // So `check shadow` says what publishing would move: 2 units at each of the 2 levels.
    const [north] = await shadowReport(database.storage);
    expect(north).toMatchObject({ handle: 'north', unitsToBuffer: 4, levelsThatWouldMove: 2 });
  });

  it('decides nothing when the settings a decision reads are as they were', async () => {
    const decided = await applyLocationSettings(
      database.storage,
      config({ managed: false, name: 'North Street' }),
      NOW,
    );

    expect(decided).toBe(0);
  });
});
