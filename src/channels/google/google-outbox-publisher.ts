import { activeChannelPolicies } from '../../engine/buffers/channel-policies-store.js';
import type { ChannelPublisher, PublishOutcome } from '../../engine/outbox/channel-publisher.js';
import type { ClaimedPush } from '../../engine/outbox/outbox-store.js';
import type { Metrics } from '../../engine/metrics/metrics.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Storage } from '../../storage/storage.js';
import type { GoogleLocalInventoryPublisher } from './google-local-inventory-publisher.js';
import type { GooglePublishOutcome } from './google-publish-outcome.js';
import { GoogleRowMapper } from './google-row-mapper.js';
import type { GoogleSettings } from './google-settings.js';
import { InsertRateBudget } from './insert-rate-budget.js';
import { validateLocalInventoryRow } from './validate-local-inventory-row.js';

export interface GoogleOutboxPublisherOptions {
  readonly storage: Storage;
  readonly settings: GoogleSettings;
  /** The Merchant API client wrapper (sandbox or Google). */
  readonly inventory: Pick<GoogleLocalInventoryPublisher, 'publish'>;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Read at each push, so a switch to shadow stops sending at once. */
  readonly channelMode?: () => 'shadow' | 'publish';
  readonly budget?: InsertRateBudget;
  /** How long a push may wait for the budget before it goes back to the outbox. */
  readonly maxBudgetWaitMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const HOLD_OFF_AFTER_429_MS = 1000;

/**
 * The Google channel's outbox publisher. It sends what the stored decision says now (the
 * target in the row only woke it), mapped exactly as the feed file maps it. Google's refusals
 * come back as outcomes: quota and overload retry after Google's wait, anything else is parked
 * with Google's reason in `last_error`, to be replayed after a fix.
 */
export class GoogleOutboxPublisher implements ChannelPublisher {
  readonly channel = 'google';
  private readonly mapper: GoogleRowMapper;
  private readonly budget: InsertRateBudget;

  constructor(private readonly options: GoogleOutboxPublisherOptions) {
    this.mapper = new GoogleRowMapper(options.settings);
    this.budget =
      options.budget ?? new InsertRateBudget(options.settings.insertsPerMinute, options.clock);
  }

  async publish(row: ClaimedPush): Promise<PublishOutcome> {
    const scope = { item: row.item_id, location: row.location_handle };
    const mode = this.options.channelMode?.() ?? this.options.settings.mode;
    if (mode !== 'publish' || this.options.settings.deliveryPath !== 'api') {
      return { kind: 'done', pushed: false };
    }

    const level = await this.loadLevel(row);
    if (!level) return { kind: 'park', reason: 'no stored decision for this level' };
    if (level.locationMode !== 'publish') return { kind: 'done', pushed: false };
    // The location no longer lists on Google: there is nothing to send.
    if (!level.location.google_store_code) return { kind: 'done', pushed: false };

    // A deleted item has nothing to sell; out of stock is the safe thing for Google to show.
    const decision = { sellable: level.deleted ? 0 : level.sellable };
    const policies = await activeChannelPolicies(this.options.storage.db);
    const mapped = this.mapper.rowFor(
      level.item,
      level.location,
      decision,
      undefined,
      policies['google'],
    );
    if (!mapped.ok) return { kind: 'park', reason: mapped.message };
    const validation = validateLocalInventoryRow(mapped.row);
    if (!validation.ok) return { kind: 'park', reason: `invalid row: ${validation.message}` };

    const waited = await this.waitForBudget();
    if (!waited.ok) {
      return { kind: 'retry', reason: 'Google insert budget spent', delayMs: waited.waitMs };
    }

    const outcome = await this.options.inventory.publish(mapped.row);
    return this.outcomeOf(outcome, row, scope);
  }

  private outcomeOf(
    outcome: GooglePublishOutcome,
    row: ClaimedPush,
    scope: Record<string, string>,
  ): PublishOutcome {
    if (outcome.ok) {
      if (row.signal_at) {
        const seconds = (this.options.clock().getTime() - Date.parse(row.signal_at)) / 1000;
        this.options.metrics.signalToChannelSeconds.observe(
          { channel: 'google' },
          Math.max(0, seconds),
        );
      }
      this.options.logger.debug(scope, 'google local inventory inserted');
      return { kind: 'done', pushed: true };
    }

    const status = [outcome.status, outcome.httpStatus].filter(Boolean).join(' ');
    const said = `${outcome.reason} (${status}): ${outcome.message}`;
    if (!outcome.retryable) return { kind: 'park', reason: `Google refused: ${said}` };

    if (outcome.httpStatus === 429 || outcome.status === 'RESOURCE_EXHAUSTED') {
      this.budget.holdOff(outcome.retryAfterMs ?? HOLD_OFF_AFTER_429_MS);
    }
    return {
      kind: 'retry',
      reason: `Google asked to retry: ${said}`,
      ...(outcome.retryAfterMs !== undefined ? { delayMs: outcome.retryAfterMs } : {}),
    };
  }

  /** Waits for a token while the wait is short; a long one hands the row back to the outbox. */
  private async waitForBudget(): Promise<{ ok: true } | { ok: false; waitMs: number }> {
    const maxWaitMs = this.options.maxBudgetWaitMs ?? 5000;
    const sleep = this.options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    let waitedMs = 0;

    for (;;) {
      const decision = this.budget.take();
      if (decision.ok) return decision;
      if (waitedMs + decision.waitMs > maxWaitMs) return decision;
      await sleep(decision.waitMs);
      waitedMs += decision.waitMs;
    }
  }

  private async loadLevel(row: ClaimedPush) {
    const found = await this.options.storage.db
      .selectFrom('decisions as d')
      .innerJoin('items as i', 'i.id', 'd.item_id')
      .innerJoin('locations as l', 'l.handle', 'd.location_handle')
      .select([
        'd.sellable',
        'i.id',
        'i.sku',
        'i.barcode',
        'i.shopify_variant_id',
        'i.deleted_at',
        'l.handle',
        'l.google_store_code',
        'l.pickup_enabled',
        'l.pickup_time_hours',
        'l.mode',
      ])
      .where('d.item_id', '=', row.item_id)
      .where('d.location_handle', '=', row.location_handle)
      .executeTakeFirst();
    if (!found) return null;

    return {
      sellable: found.sellable,
      deleted: found.deleted_at !== null,
      locationMode: found.mode,
      item: {
        id: found.id,
        sku: found.sku,
        barcode: found.barcode,
        shopify_variant_id: found.shopify_variant_id,
      },
      location: {
        handle: found.handle,
        google_store_code: found.google_store_code,
        pickup_enabled: found.pickup_enabled,
        pickup_time_hours: found.pickup_time_hours,
      },
    };
  }
}
