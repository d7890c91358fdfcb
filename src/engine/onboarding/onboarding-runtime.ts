import { existsSync, readFileSync } from 'node:fs';
import type { Clock } from '../../shared/clock.js';
import { toError } from '../../shared/error-catalogue.js';
import type { Logger } from '../../shared/logger.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import type { Metrics } from '../metrics/metrics.js';
import { checkSubscriptions } from './check-subscriptions.js';
import type { SubscriptionReport } from './check-subscriptions.js';
import { detectScheduledOverwrites } from './detect-scheduled-overwrites.js';
import { NightlyRereadScheduler } from './nightly-reread.js';
import { deployedTopics, parseAppToml } from './parse-app-toml.js';

export interface OnboardingRuntimeOptions {
  storage: Storage;
  client: ShopifyAdminClient;
  metrics: Metrics;
  logger: Logger;
  clock: Clock;
  modes: ChannelModes;
  /** `HH:MM` in UTC. */
  nightlyRereadAtUtc: string;
  appTomlPath: string;
}

const REPORT_TTL_MS = 60_000;

/**
 * What `serve` runs for onboarding safety: the nightly full re-read, the connector check
 * before a location publishes, and a cached webhook-subscription report for `/healthz` and
 * metrics.
 */
export class OnboardingRuntime {
  private readonly scheduler: NightlyRereadScheduler;
  private cached: { at: number; report: SubscriptionReport | null } | null = null;

  constructor(private readonly options: OnboardingRuntimeOptions) {
    const [hour = 3, minute = 0] = options.nightlyRereadAtUtc.split(':').map(Number);
    this.scheduler = new NightlyRereadScheduler({
      storage: options.storage,
      client: options.client,
      sync: { clock: options.clock, modes: options.modes },
      logger: options.logger,
      atUtc: { hour, minute },
      onReport: (report) => options.logger.info({ report }, 'nightly re-read done'),
    });
  }

  start(): void {
    this.scheduler.start();
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
  }

  /**
   * A managed store configured to publish while an ERP connector still overwrites its stock on
   * a schedule is put back in shadow, with the reason in the log: the two would fight.
   */
  async refuseOverwrittenStores(): Promise<string[]> {
    const { storage, clock, logger } = this.options;
    const publishing = await storage.db
      .selectFrom('locations')
      .select('handle')
      .where('managed', '=', 1)
      .where('mode', '=', 'publish')
      .execute();

    const refused: string[] = [];
    for (const { handle } of publishing) {
      const finding = await detectScheduledOverwrites(storage, handle, { now: clock() });
      if (!finding.suspected) continue;
      await storage.db
        .updateTable('locations')
        .set({ mode: 'shadow' })
        .where('handle', '=', handle)
        .execute();
      logger.error({ location: handle, finding }, `not publishing ${handle}: ${finding.message}`);
      refused.push(handle);
    }
    return refused;
  }

  /** The subscription report, at most a minute old; null when no app config file is found. */
  async subscriptions(): Promise<SubscriptionReport | null> {
    const now = this.options.clock().getTime();
    if (this.cached && now - this.cached.at < REPORT_TTL_MS) return this.cached.report;

    let report: SubscriptionReport | null = null;
    try {
      if (existsSync(this.options.appTomlPath)) {
        const topics = deployedTopics(parseAppToml(readFileSync(this.options.appTomlPath, 'utf8')));
        report = await checkSubscriptions(this.options.storage, {
          clock: this.options.clock,
          deployedTopics: topics,
        });
        this.options.metrics.webhookTopics.set({ status: 'missing' }, report.missingTopics.length);
        this.options.metrics.webhookTopics.set(
          { status: 'quiet' },
          report.topics.filter((t) => t.status === 'quiet').length,
        );
      }
    } catch (thrown) {
      this.options.logger.warn({ err: toError(thrown) }, 'subscription check failed');
    }
    this.cached = { at: now, report };
    return report;
  }
}
