import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Metrics } from '../../../src/engine/metrics/metrics.js';
import { OnboardingRuntime } from '../../../src/engine/onboarding/onboarding-runtime.js';
import { requiredTopics } from '../../../src/engine/onboarding/required-topics.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { ShopifyAdminClient } from '../../../src/sources/shopify/shopify-admin-client.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import { seedStoresAndItems } from './seed-stores.js';
import type { TestDatabase } from '../../support/test-storage.js';

const START = Date.parse('2026-03-02T08:00:00.000Z');
const MINUTE = 60_000;

describe(`what serve runs for onboarding (${testEngine})`, () => {
  let database: TestDatabase;
  const clock = new ManualClock(new Date(START + 3 * 60 * MINUTE));

  beforeEach(async () => {
    database = await openTestDatabase();
    await seedStoresAndItems(database.storage, {
      stores: [
        { handle: 'north', mode: 'publish' },
        { handle: 'south', mode: 'publish' },
      ],
      items: 10,
      at: new Date(START).toISOString(),
    });
  });
  afterEach(async () => database.close());

  function runtime(appTomlPath: string): OnboardingRuntime {
    return new OnboardingRuntime({
      storage: database.storage,
      client: {} as ShopifyAdminClient,
      metrics: new Metrics(),
      logger: silentLogger(),
      clock: clock.now,
      modes: { shopify: 'publish', google: 'shadow' },
      nightlyRereadAtUtc: '03:00',
      appTomlPath,
    });
  }

  it('puts a store back in shadow when a connector overwrites its stock every 30 minutes', async () => {
    // Ten items corrected absolutely at 0, 30, 61, 90 and 119 minutes at north only.
    for (const minutes of [0, 30, 61, 90, 119]) {
      for (let i = 0; i < 10; i += 1) {
        const at = new Date(START + minutes * MINUTE + i * 1000).toISOString();
        await database.storage.db
          .insertInto('movements')
          .values({
            id: randomUUID(),
            item_id: `i${i}`,
            location_handle: 'north',
            state: 'on_hand',
            delta: 1,
            quantity_after: 5,
            cause_kind: 'adjusted',
            cause_ref: null,
            source: 'shopify_read',
            occurred_at: at,
            learned_at: at,
          })
          .execute();
      }
    }

    const refused = await runtime('missing.toml').refuseOverwrittenStores();

    expect(refused).toEqual(['north']);
    const modes = await database.storage.db
      .selectFrom('locations')
      .select(['handle', 'mode'])
      .orderBy('handle')
      .execute();
    expect(modes).toEqual([
      { handle: 'north', mode: 'shadow' },
      { handle: 'south', mode: 'publish' },
    ]);
  });

  it('reports the topics the app config lacks, and nothing without an app config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trueshelf-toml-'));
    const file = join(dir, 'shopify.app.toml');
    const deployed = requiredTopics.filter((t) => t !== 'refunds/create');
    writeFileSync(
      file,
      `[webhooks]\napi_version = "2026-04"\n\n[[webhooks.subscriptions]]\ntopics = [${deployed.map((t) => `"${t}"`).join(', ')}]\nuri = "/webhooks/shopify"\n`,
    );

    const report = await runtime(file).subscriptions();

    expect(report?.missingTopics).toEqual(['refunds/create']);
    expect(report?.healthy).toBe(false);
    expect(await runtime(join(dir, 'absent.toml')).subscriptions()).toBeNull();
  });
});
