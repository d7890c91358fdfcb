import type { Logger } from '../../shared/logger.js';
import { toError } from '../../shared/error-catalogue.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import { syncShop } from './sync-shop.js';
import type { SyncOptions, SyncReport } from './sync-shop.js';

/**
 * The nightly full re-read: webhooks arrive late, are retried for only four hours and can be
 * dropped, so every level is compared with Shopify once a day and what the signals missed is
 * recorded as drift (cause `missed_signal`) and corrected through the ledger.
 */
export async function nightlyReread(
  storage: Storage,
  client: ShopifyAdminClient,
  options: SyncOptions,
): Promise<SyncReport> {
  return syncShop(storage, client, options);
}

export interface NightlySchedulerOptions {
  storage: Storage;
  client: ShopifyAdminClient;
  sync: SyncOptions;
  logger: Logger;
  /** The UTC hour and minute to run at (a quiet hour for the chain's stores). */
  atUtc: { hour: number; minute: number };
  setTimer?: (run: () => void, ms: number) => { clear(): void };
  onReport?: (report: SyncReport) => void;
}

/** Runs `nightlyReread` once a day at a fixed UTC time; `start` and `stop` belong to the lead's app. */
export class NightlyRereadScheduler {
  private timer: { clear(): void } | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly options: NightlySchedulerOptions) {}

  /** Milliseconds from `now` until the next run. */
  static delayUntil(now: Date, atUtc: { hour: number; minute: number }): number {
    const next = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), atUtc.hour, atUtc.minute),
    );
    if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
    return next.getTime() - now.getTime();
  }

  start(): void {
    if (this.timer) return;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.timer?.clear();
    this.timer = null;
    await this.running;
  }

  private schedule(): void {
    const setTimer =
      this.options.setTimer ??
      ((run: () => void, ms: number) => {
        const handle = setTimeout(run, ms);
        handle.unref();
        return { clear: () => clearTimeout(handle) };
      });
    const delay = NightlyRereadScheduler.delayUntil(this.options.sync.clock(), this.options.atUtc);
    this.timer = setTimer(() => {
      this.running = this.runOnce().finally(() => {
        this.running = null;
      });
      if (this.timer) this.schedule();
    }, delay);
  }

  private async runOnce(): Promise<void> {
    const { storage, client, sync, logger } = this.options;
    try {
      const report = await nightlyReread(storage, client, sync);
      logger.info(
        { runId: report.runId, drift: report.drift, levels: report.levels },
        'nightly re-read finished',
      );
      this.options.onReport?.(report);
    } catch (thrown) {
      logger.error({ err: toError(thrown, 'nightly re-read') }, 'nightly re-read failed');
    }
  }
}
