import { localDayOf } from '../../domain/velocity/local-day-of.js';
import { isValidTimeZone } from '../../domain/velocity/local-day-of.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Storage } from '../../storage/storage.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { refreshDecision } from '../decision/refresh-decision.js';
import { recordSalesFromFacts } from '../velocity/record-sales-from-facts.js';
import { velocityDb } from '../velocity/velocity-database.js';
import type { BufferSettings } from './buffer-settings.js';
import { activeBufferRules } from './buffer-rules-store.js';
import { saveChannelPolicies } from './channel-policies-store.js';
import { republishChannelPolicies } from './republish-channel-policies.js';
import { chainVelocityAverages } from './chain-velocity-averages.js';
import { recomputeLocationBuffers } from './recompute-location-buffers.js';

export interface BufferRecomputeOptions {
  storage: Storage;
  settings: BufferSettings;
  modes: ChannelModes;
  clock: Clock;
  logger: Logger;
  /** Called after buffers changed, so the outbox workers wake for the new targets. */
  onDecisions?: () => void;
}

export interface RecomputeRound {
  ran: boolean;
  salesRecorded: number;
  levels: number;
  changed: number;
}

/**
 * Keeps buffers in step with velocity. Each round records the sales the inbox's facts carry;
 * the buffers are recomputed when one of these moved since the last recompute: the interval
 * passed, the rules changed, a location's local day turned (its window moved, so its velocity
 * did), or past sales were imported. Velocity counts whole local days, so a sale today moves
 * nothing until the day is over; a recompute in between would only spend work.
 */
export class BufferRecomputeWorker {
  private last: { at: number; rulesVersion: string; days: string; imported: string } | null = null;

  constructor(private readonly options: BufferRecomputeOptions) {}

  /** Forgets the last recompute, so the next round recomputes (after PUT of the rules). */
  invalidate(): void {
    this.last = null;
  }

  async runOnce(): Promise<RecomputeRound> {
    const { storage, settings, clock } = this.options;
    const now = clock();
    const salesRecorded = await recordSalesFromFacts(storage.db, now, settings.windowDays + 2);

    const active = await activeBufferRules(storage.db);
    const locations = await storage.db
      .selectFrom('locations')
      .select(['handle', 'time_zone'])
      .orderBy('handle')
      .execute();
    const days = locations
      .map((l) =>
        l.time_zone && isValidTimeZone(l.time_zone) ? localDayOf(now, l.time_zone) : '-',
      )
      .join(',');
    const imported = await this.lastImport();
    const rulesVersion = active ? `${active.version}:${active.updatedAt}` : 'none';
    const due =
      this.last === null ||
      now.getTime() - this.last.at >= settings.recomputeIntervalSeconds * 1000 ||
      this.last.rulesVersion !== rulesVersion ||
      this.last.days !== days ||
      this.last.imported !== imported;
    await this.republishChannels(active, now);
    if (!due) return { ran: false, salesRecorded, levels: 0, changed: 0 };

    const outcome = active
      ? await this.recompute(
          active.rules,
          locations.map((l) => l.handle),
          now,
        )
      : { levels: 0, changed: await this.clearStoredBuffers(now) };
    this.last = { at: now.getTime(), rulesVersion, days, imported };
    if (outcome.changed > 0) this.options.onDecisions?.();
    this.options.logger.info(
      { levels: outcome.levels, changed: outcome.changed, salesRecorded, rules: rulesVersion },
      'buffers recomputed',
    );
    return { ran: true, salesRecorded, ...outcome };
  }

  private async recompute(
    rules: Parameters<typeof recomputeLocationBuffers>[2]['rules'],
    handles: string[],
    now: Date,
  ): Promise<{ levels: number; changed: number }> {
    const { storage, settings, modes } = this.options;
    const vdb = velocityDb(storage.db);
    // Trueshelf holds sales for a location from the first time it recomputes there (install).
    for (const handle of handles) {
      await vdb
        .insertInto('location_sales_history')
        .values({ location_handle: handle, sales_since: now.toISOString() })
        .onConflict((oc) => oc.column('location_handle').doNothing())
        .execute();
    }

    // TODO(two passes over the chain's sales): the averages need every level's own history
    // before any default can be given, so sales are read twice per recompute. Two instances on
    // PostgreSQL may also recompute at once (harmless, the second finds nothing to change); an
    // advisory lock would make it one.
    const averages = await chainVelocityAverages(storage.db, handles, settings, now);
    let levels = 0;
    let changed = 0;
    for (const handle of handles) {
      const result = await recomputeLocationBuffers(storage.db, handle, {
        rules,
        averages,
        velocity: settings,
        modes,
        now,
      });
      levels += result.levels;
      changed += result.changed;
    }
    return { levels, changed };
  }

  /**
   * A change of the rules' channel policies ("zero at or below N", caps) changes what channels
   * show without any buffer moving: the levels it affects are decided again. Rules stored before
   * the policies had their own row get it here.
   */
  private async republishChannels(
    active: Awaited<ReturnType<typeof activeBufferRules>>,
    now: Date,
  ): Promise<number> {
    const { storage, modes, logger } = this.options;
    if (active) await saveChannelPolicies(storage.db, active.rules.channels, active.updatedAt);
    const levels = await republishChannelPolicies(storage.db, modes, now.toISOString());
    if (levels > 0) {
      logger.info({ levels }, 'channel policies changed; levels decided again');
      this.options.onDecisions?.();
    }
    return levels;
  }

  /** With no rules, the locations' `bufferUnits` rule again: computed buffers are dropped. */
  private async clearStoredBuffers(now: Date): Promise<number> {
    const { storage, modes } = this.options;
    const vdb = velocityDb(storage.db);
    const stored = await vdb
      .selectFrom('level_buffers')
      .select(['item_id', 'location_handle'])
      .execute();
    for (const row of stored) {
      await storage.db.transaction().execute(async (trx) => {
        await velocityDb(trx)
          .deleteFrom('level_buffers')
          .where('item_id', '=', row.item_id)
          .where('location_handle', '=', row.location_handle)
          .execute();
        const key = { itemId: row.item_id, locationHandle: row.location_handle };
        await refreshDecision(trx, key, modes, null, now.toISOString());
      });
    }
    return stored.length;
  }

  private async lastImport(): Promise<string> {
    const row = await velocityDb(this.options.storage.db)
      .selectFrom('sales')
      .select((eb) => eb.fn.max<string | null>('recorded_at').as('last'))
      .where('source', '=', 'csv')
      .executeTakeFirst();
    return row?.last ?? '';
  }
}
