import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectScheduledOverwrites } from '../../../src/engine/onboarding/detect-scheduled-overwrites.js';
import { publishLocation } from '../../../src/engine/onboarding/publish-location.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import { seedStoresAndItems } from './seed-stores.js';
import type { TestDatabase } from '../../support/test-storage.js';

const START = Date.parse('2026-03-02T08:00:00.000Z');
const MINUTE = 60_000;

describe(`the connector check (${testEngine})`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
    await seedStoresAndItems(database.storage, {
      stores: [{ handle: 'north', mode: 'shadow' }],
      items: 12,
      at: new Date(START).toISOString(),
    });
  });
  afterEach(async () => database.close());

  /** An absolute correction of `items` items starting at `minutesIn`, a second apart, as a connector writes them. */
  async function overwriteRun(minutesIn: number, items: number, cause = 'adjusted'): Promise<void> {
    for (let i = 0; i < items; i += 1) {
      const at = new Date(START + minutesIn * MINUTE + i * 1_000).toISOString();
      await database.storage.db
        .insertInto('movements')
        .values({
          id: randomUUID(),
          item_id: `i${i}`,
          location_handle: 'north',
          state: 'on_hand',
          delta: 1,
          quantity_after: 5,
          cause_kind: cause,
          cause_ref: null,
          source: 'shopify_read',
          occurred_at: at,
          learned_at: at,
        })
        .execute();
    }
  }

  it('finds a connector that overwrites ten items every 30 minutes', async () => {
    for (const minutes of [0, 30, 61, 90, 119]) await overwriteRun(minutes, 10);

    const finding = await detectScheduledOverwrites(database.storage, 'north', {
      now: new Date(START + 3 * 60 * MINUTE),
    });

    // Gaps 30, 31, 29, 29 minutes: median 29.5, all four within 10% of it.
    expect(finding).toMatchObject({
      suspected: true,
      runs: 5,
      medianGapMinutes: 30,
      regularGaps: 4,
      itemsPerRun: 10,
    });
  });

  it('refuses to publish that store and says what to switch off', async () => {
    for (const minutes of [0, 30, 60, 90]) await overwriteRun(minutes, 10);
    const clock = new ManualClock(new Date(START + 2 * 60 * MINUTE));

    const outcome = await publishLocation(database.storage, 'north', {
      clock: clock.now,
      modes: { shopify: 'publish', google: 'shadow' },
    });

    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toBe('scheduled_overwrites');
    expect(outcome.message).toContain('Celigo');
    expect(outcome.message).toContain('NetSuite Connector');
    const location = await database.storage.db
      .selectFrom('locations')
      .select('mode')
      .where('handle', '=', 'north')
      .executeTakeFirstOrThrow();
    expect(location.mode).toBe('shadow');
  });

  it('does not flag corrections at irregular intervals', async () => {
    for (const minutes of [0, 12, 70, 95, 180]) await overwriteRun(minutes, 10);

    const finding = await detectScheduledOverwrites(database.storage, 'north', {
      now: new Date(START + 4 * 60 * MINUTE),
    });

    expect(finding.suspected).toBe(false);
  });

  it('does not flag one item corrected on a schedule, nor sales matched to orders', async () => {
    for (const minutes of [0, 30, 60, 90, 120]) await overwriteRun(minutes, 1);
    for (const minutes of [5, 35, 65, 95, 125]) await overwriteRun(minutes, 10, 'sold_and_taken');

    const finding = await detectScheduledOverwrites(database.storage, 'north', {
      now: new Date(START + 4 * 60 * MINUTE),
    });

    expect(finding).toEqual({ suspected: false, runs: 0 });
  });

  it('publishes a store with no scheduled overwrites', async () => {
    const clock = new ManualClock(new Date(START));

    const outcome = await publishLocation(database.storage, 'north', {
      clock: clock.now,
      modes: { shopify: 'publish', google: 'shadow' },
    });

    expect(outcome).toEqual({ ok: true, handle: 'north', levels: 0 });
  });
});
