import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSubscriptions } from '../../../src/engine/onboarding/check-subscriptions.js';
import { deployedTopics, parseAppToml } from '../../../src/engine/onboarding/parse-app-toml.js';
import { requiredTopics } from '../../../src/engine/onboarding/required-topics.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';

const NOW = Date.parse('2026-03-02T12:00:00.000Z');

describe('shopify.app.toml', () => {
  it('the shipped shopify.app.toml subscribes to every topic trueshelf needs, and no other', () => {
    const config = parseAppToml(
      readFileSync(new URL('../../../shopify.app.toml', import.meta.url), 'utf8'),
    );

    expect(config.apiVersion).toBe('2026-04');
    expect([...deployedTopics(config)].sort()).toEqual([...requiredTopics].sort());
    expect(config.subscriptions.every((s) => s.uri?.endsWith('/webhooks/shopify'))).toBe(true);
  });

  it('reads multi-line arrays and skips comments and other tables', () => {
    const config = parseAppToml(
      [
        'name = "x" # the app',
        '[access_scopes]',
        'scopes = "read_inventory"',
        '[webhooks]',
        'api_version = "2026-04"',
        '[[webhooks.subscriptions]]',
        'topics = [',
        '  "orders/create", # sales',
        '  "refunds/create"',
        ']',
        'uri = "https://h/webhooks/shopify"',
      ].join('\n'),
    );

    expect(config).toEqual({
      apiVersion: '2026-04',
      subscriptions: [
        { topics: ['orders/create', 'refunds/create'], uri: 'https://h/webhooks/shopify' },
      ],
    });
  });
});

describe(`the subscription check (${testEngine})`, () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(async () => database.close());

  async function deliveries(
    topic: string,
    count: number,
    gapSeconds: number,
    lastSecondsAgo: number,
  ): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      const at = new Date(NOW - (lastSecondsAgo + i * gapSeconds) * 1000).toISOString();
      await database.storage.db
        .insertInto('deliveries')
        .values({
          id: `${topic}-${i}`,
          shop: 's',
          topic,
          webhook_id: `${topic}-${i}`,
          event_id: null,
          triggered_at: at,
          api_version: '2026-04',
          received_at: at,
          body: '{}',
          status: 'processed',
          outcome: null,
          error: null,
          attempts: 1,
          processed_at: at,
        })
        .execute();
    }
  }

  it('calls a topic quiet once it is silent for ten times its usual gap, and lists what is not deployed', async () => {
    // Levels updates came every minute and stopped 30 minutes ago; orders still arrive.
    await deliveries('inventory_levels/update', 10, 60, 30 * 60);
    await deliveries('orders/create', 10, 60, 30);
    const deployed = requiredTopics.filter((t) => t !== 'refunds/create');

    const report = await checkSubscriptions(database.storage, {
      clock: new ManualClock(new Date(NOW)).now,
      deployedTopics: [...deployed, 'customers/update'],
    });

    const byTopic = new Map(report.topics.map((t) => [t.topic, t]));
    expect(byTopic.get('inventory_levels/update')).toMatchObject({
      status: 'quiet',
      medianGapSeconds: 60,
      secondsSinceLast: 1800,
    });
    expect(byTopic.get('orders/create')).toMatchObject({ status: 'ok', secondsSinceLast: 30 });
    expect(byTopic.get('orders/edited')?.status).toBe('never_delivered');
    expect(byTopic.get('refunds/create')?.status).toBe('not_deployed');
    expect(report.missingTopics).toEqual(['refunds/create']);
    expect(report.extraTopics).toEqual(['customers/update']);
    expect(report.healthy).toBe(false);
    expect(report.apiSubscriptions).toMatchObject({ available: false, subscriptions: [] });
  });
});
