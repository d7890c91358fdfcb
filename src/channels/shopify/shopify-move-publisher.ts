import { sql } from 'kysely';
import { decideSellable } from '../../domain/decision/decide-sellable.js';
import type { ChannelPublisher, PublishOutcome } from '../../engine/outbox/channel-publisher.js';
import type { ClaimedPush } from '../../engine/outbox/outbox-store.js';
import type { Metrics } from '../../engine/metrics/metrics.js';
import { holdsDb } from '../../engine/holds/holds-database.js';
import { velocityDb } from '../../engine/velocity/velocity-database.js';
import { activeChannelPolicies } from '../../engine/buffers/channel-policies-store.js';
import { soleChangedHold } from '../../engine/holds/sole-changed-hold.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { readLevels } from '../../sources/shopify/read-levels.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import { abandonPush, beginPush, findSendingPush, recordAcceptedPush } from './own-move-records.js';
import type { LevelKey, SendingPush } from './own-move-records.js';
import { planMove } from './plan-moves.js';
import type { MoveContext } from './plan-moves.js';
import { sendMove } from './send-move.js';

export interface ShopifyMovePublisherOptions {
  storage: Storage;
  client: ShopifyAdminClient;
  metrics: Metrics;
  logger: Logger;
  clock: Clock;
  channelMode: () => 'shadow' | 'publish';
}

const STALE_ROUNDS = 3;

/**
 * Moves trueshelf's own units between `available` and `safety_stock` / `reserved` at a managed
 * store, for the gap between the decision's targets and what trueshelf placed, computed on a
 * fresh read. Never sets `available` or `on_hand`. Warehouses and shadow locations get nothing.
 */
export class ShopifyMovePublisher implements ChannelPublisher {
  readonly channel = 'shopify';

  constructor(private readonly options: ShopifyMovePublisherOptions) {}

  async publish(row: ClaimedPush): Promise<PublishOutcome> {
    const level: LevelKey = { itemId: row.item_id, locationHandle: row.location_handle };

    const unfinished = await findSendingPush(this.options.storage, level);
    if (unfinished) {
      const resent = await this.send(level, unfinished, row);
      if (resent !== 'accepted')
        return resent === 'unknown'
          ? { kind: 'retry', reason: 'resend unanswered' }
          : { kind: 'retry', reason: `resend ${resent}`, delayMs: 0 };
    }

    let pushed = unfinished !== null;
    for (let round = 0; round < STALE_ROUNDS * 2; round += 1) {
      const step = await this.nextMove(level, row);
      if (step.kind !== 'move')
        return step.kind === 'done' ? { kind: 'done', pushed } : step.outcome;

      const push = await beginPush(
        this.options.storage,
        level,
        step.move,
        this.options.clock().toISOString(),
      );
      if (!push)
        return { kind: 'retry', reason: 'another push to this level is in flight', delayMs: 50 };

      const sent = await this.send(level, push, row);
      if (sent === 'unknown')
        return { kind: 'retry', reason: 'Shopify did not answer; resending with the same key' };
      if (sent === 'rejected')
        return {
          kind: 'park',
          reason: `Shopify refused the move: ${push.move.input['referenceDocumentUri']}`,
        };
      if (sent === 'accepted') pushed = true;
    }
    return { kind: 'retry', reason: 'changeFromQuantity kept going stale', delayMs: 100 };
  }

  /** What is left to move, from a fresh read of Shopify: one state at a time. */
  private async nextMove(
    level: LevelKey,
    row: ClaimedPush,
  ): Promise<
    | { kind: 'done' }
    | { kind: 'move'; move: ReturnType<typeof planMove> }
    | { kind: 'stop'; outcome: PublishOutcome }
  > {
    const context = await this.loadContext(level, row);
    if (!context) return { kind: 'done' };

    const { reads, missing } = await readLevels(this.options.client, [context.ids]);
    const fresh = reads[0];
    if (!fresh || missing.length > 0)
      return {
        kind: 'stop',
        outcome: { kind: 'park', reason: 'the level is not stocked at this location in Shopify' },
      };

    const decision = decideSellable({
      available: fresh.quantities.available,
      placedSafetyStock: context.placedSafetyStock,
      placedReserved: context.placedReserved,
      buffer: context.buffer,
      liveHolds: context.held,
      managed: true,
      // The same policy the stored decision used, so a fresh read reaches the same targets:
      // "zero at or below N" holds the last few units back too; the cap is not Shopify's.
      ...(context.shopifyPolicy ? { shopifyPolicy: context.shopifyPolicy } : {}),
    });

    // Units we placed that Shopify no longer shows (someone moved them by hand) cannot be moved back.
    const reservedGap = Math.max(
      decision.targetReserved - context.placedReserved,
      -fresh.quantities.reserved,
    );
    const bufferGap = Math.max(
      decision.targetSafetyStock - context.placedSafetyStock,
      -fresh.quantities.safety_stock,
    );
    const states = {
      available: fresh.quantities.available,
      safety_stock: fresh.quantities.safety_stock,
      reserved: fresh.quantities.reserved,
    };

    // Releases first, so units come back to available before any other state takes them.
    const order = [
      { state: 'reserved' as const, gap: reservedGap },
      { state: 'safety_stock' as const, gap: bufferGap },
    ].sort((a, b) => a.gap - b.gap);
    const next = order.find((o) => o.gap !== 0);
    if (!next) return { kind: 'done' };
    return { kind: 'move', move: planMove(context.move, next.state, next.gap, states) };
  }

  private async send(
    level: LevelKey,
    push: SendingPush,
    row: ClaimedPush,
  ): Promise<'accepted' | 'stale' | 'rejected' | 'unknown'> {
    const { storage, client, clock, metrics, logger } = this.options;
    const result = await sendMove(client, push.key, push.move.input);
    const now = clock();

    switch (result.kind) {
      case 'applied':
        await recordAcceptedPush(storage, level, push, now.toISOString());
        if (row.signal_at) {
          const seconds = Math.max(0, now.getTime() - Date.parse(row.signal_at)) / 1000;
          metrics.signalToChannelSeconds.observe({ channel: 'shopify' }, seconds);
          metrics.recentLatencies.add(seconds);
        }
        logger.debug(
          {
            item: level.itemId,
            location: level.locationHandle,
            state: push.move.state,
            units: push.move.units,
          },
          'own units moved',
        );
        return 'accepted';
      case 'stale':
      case 'key_failed':
        await abandonPush(storage, level, push, result.kind, result.message);
        return 'stale';
      case 'busy':
      case 'unknown':
        return 'unknown';
      case 'rejected':
        await abandonPush(storage, level, push, 'rejected', result.message);
        logger.error(
          { item: level.itemId, location: level.locationHandle, reason: result.message },
          'move rejected',
        );
        return 'rejected';
    }
  }

  private async loadContext(level: LevelKey, row: ClaimedPush) {
    // The buffer as the decision sees it: the level's computed one, else the location's.
    const found = await velocityDb(this.options.storage.db)
      .selectFrom('levels')
      .innerJoin('items', 'items.id', 'levels.item_id')
      .innerJoin('locations', 'locations.handle', 'levels.location_handle')
      .leftJoin('level_buffers as lb', (join) =>
        join
          .onRef('lb.item_id', '=', 'levels.item_id')
          .onRef('lb.location_handle', '=', 'levels.location_handle'),
      )
      .select([
        'items.shopify_inventory_item_id as shopifyItemId',
        'locations.shopify_location_id as shopifyLocationId',
        'locations.managed',
        'locations.kind',
        'locations.mode',
        sql<number>`COALESCE(lb.buffer_units, locations.buffer_units)`.as('buffer'),
        'levels.placed_safety_stock as placedSafetyStock',
        'levels.placed_reserved as placedReserved',
        'levels.held',
      ])
      .where('levels.item_id', '=', level.itemId)
      .where('levels.location_handle', '=', level.locationHandle)
      .executeTakeFirst();
    if (!found?.shopifyItemId || !found.shopifyLocationId) return null;

    const publishing =
      found.managed === 1 &&
      found.kind === 'store' &&
      found.mode === 'publish' &&
      this.options.channelMode() === 'publish';
    // A location switched to shadow keeps what it placed until `release` returns it.
    if (!publishing) return null;

    const move: MoveContext = {
      itemId: level.itemId,
      locationHandle: level.locationHandle,
      shopifyItemId: found.shopifyItemId,
      shopifyLocationId: found.shopifyLocationId,
      outboxVersion: row.target_version,
      // Only a level with holds (now or placed before) can need a reserved move.
      holdId:
        found.held > 0 || found.placedReserved > 0
          ? await soleChangedHold(holdsDb(this.options.storage.db), level)
          : null,
    };
    return {
      ids: { shopifyItemId: found.shopifyItemId, shopifyLocationId: found.shopifyLocationId },
      move,
      buffer: found.buffer,
      held: found.held,
      placedSafetyStock: found.placedSafetyStock,
      placedReserved: found.placedReserved,
      shopifyPolicy: (await activeChannelPolicies(this.options.storage.db))['shopify'],
    };
  }
}
