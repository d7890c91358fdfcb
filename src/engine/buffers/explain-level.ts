import type { Kysely } from 'kysely';
import type { BufferRules } from '../../domain/buffers/index.js';
import type { ChannelPolicy } from '../../domain/buffers/index.js';
import { computeBuffer } from '../../domain/buffers/index.js';
import { computeVelocity } from '../../domain/velocity/compute-velocity.js';
import type { Database } from '../../storage/database-schema.js';
import { loadVelocityInputs } from '../velocity/load-velocity-inputs.js';
import { velocityDb } from '../velocity/velocity-database.js';
import { activeBufferRules } from './buffer-rules-store.js';
import { explainChannels } from './explain-channels.js';
import type { BufferSettings } from './buffer-settings.js';
import { locationFallbackRules } from './location-fallback-rules.js';
import type { StoreLoss } from './observed-store-loss.js';
import { observedStoreLoss } from './observed-store-loss.js';

/** Why a level cannot be explained: it does not exist (the caller checked item and location). */
export type ExplainOutcome =
  { ok: true; explanation: LevelExplanation } | { ok: false; reason: 'not_stocked' };

export interface LevelExplanation {
  itemId: string;
  sku: string | null;
  category: string | null;
  location: string;
  timeZone: string | null;
  quantities: Record<string, number>;
  placed: { safetyStock: number; reserved: number };
  gross: number | null;
  held: number | null;
  buffer: number | null;
  sellable: number | null;
  decidedAt: string | null;
  /** Where the buffer comes from: a computed one, or the location's `bufferUnits`. */
  bufferSource: 'computed' | 'location_setting';
  velocity: unknown;
  rule: unknown;
  /** The store's observed shrink and count variance, and whether risk mode used them. */
  storeLoss: StoreLoss | null;
  proposedBuffer: number | null;
  change: unknown;
  bufferSetAt: string | null;
  computedAt: string | null;
  channels: Record<string, unknown>;
}

/**
 * Every number behind a level's sellable, with the reasons: the states as last read, what
 * trueshelf placed, the stored decision, and the buffer's last computation (velocity and its
 * window, the rule that matched and why, the proposed buffer and whether hysteresis kept the
 * one in place). A level without a computed buffer is explained live, in the same terms, from
 * the rules in force (or the locations' `bufferUnits` when none are set), `computedAt` null.
 */
export async function explainLevel(
  db: Kysely<Database>,
  key: { itemId: string; locationHandle: string },
  settings: BufferSettings,
  now: Date,
  /** The Google channel's own `zeroAtOrBelowUnits` / `maxShownUnits`, as a policy. */
  googleSettingsPolicy: ChannelPolicy = {},
): Promise<ExplainOutcome> {
  const row = await velocityDb(db)
    .selectFrom('levels as l')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .innerJoin('locations as loc', 'loc.handle', 'l.location_handle')
    .leftJoin('decisions as d', (j) =>
      j.onRef('d.item_id', '=', 'l.item_id').onRef('d.location_handle', '=', 'l.location_handle'),
    )
    .leftJoin('level_buffers as lb', (j) =>
      j.onRef('lb.item_id', '=', 'l.item_id').onRef('lb.location_handle', '=', 'l.location_handle'),
    )
    .selectAll('l')
    .select(['i.sku', 'i.category', 'loc.time_zone', 'loc.buffer_units as location_units'])
    .select([
      'd.gross',
      'd.buffer',
      'd.held as decided_held',
      'd.sellable',
      'd.computed_at as decided_at',
    ])
    .select([
      'lb.buffer_units as lb_units',
      'lb.proposed_units',
      'lb.explanation',
      'lb.set_at',
      'lb.computed_at as lb_computed_at',
    ])
    .where('l.item_id', '=', key.itemId)
    .where('l.location_handle', '=', key.locationHandle)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'not_stocked' };

  const active = await activeBufferRules(db);
  const rules = active?.rules ?? (await fallbackRules(db));
  const stored =
    row.explanation === null ? null : (JSON.parse(row.explanation) as StoredExplanation);
  const live = stored ?? (await liveExplanation(db, key, row.category, rules, settings, now));
  const sellable = row.sellable;

  return {
    ok: true,
    explanation: {
      itemId: key.itemId,
      sku: row.sku,
      category: row.category,
      location: key.locationHandle,
      timeZone: row.time_zone,
      quantities: {
        onHand: row.on_hand,
        available: row.available,
        committed: row.committed,
        reserved: row.reserved,
        safetyStock: row.safety_stock,
        damaged: row.damaged,
        qualityControl: row.quality_control,
        incoming: row.incoming,
      },
      placed: { safetyStock: row.placed_safety_stock, reserved: row.placed_reserved },
      gross: row.gross,
      held: row.decided_held,
      buffer: row.buffer,
      sellable,
      decidedAt: row.decided_at,
      bufferSource: row.lb_units === null ? 'location_setting' : 'computed',
      velocity: live.velocity,
      rule: { ...live.buffer.rule, reason: live.buffer.reason, policy: live.buffer.inputs.policy },
      // Null only for a computation stored before the store's figures were kept with it.
      storeLoss: live.storeLoss ?? null,
      proposedBuffer: row.proposed_units ?? live.proposedUnits,
      change: stored?.change ?? null,
      bufferSetAt: row.set_at,
      computedAt: row.lb_computed_at,
      // What each channel shows of sellable, computed as the channels themselves compute it.
      channels:
        sellable === null
          ? Object.fromEntries(Object.keys(rules.channels).map((channel) => [channel, null]))
          : explainChannels(sellable, rules.channels, googleSettingsPolicy),
    },
  };
}

interface StoredExplanation {
  velocity: unknown;
  buffer: ReturnType<typeof computeBuffer>['explanation'];
  proposedUnits: number;
  storeLoss?: StoreLoss;
  change?: unknown;
}

async function liveExplanation(
  db: Kysely<Database>,
  key: { itemId: string; locationHandle: string },
  category: string | null,
  rules: BufferRules,
  settings: BufferSettings,
  now: Date,
): Promise<StoredExplanation> {
  const { inputs } = await loadVelocityInputs(db, key.locationHandle, settings.windowDays, now, [
    key.itemId,
  ]);
  const input = inputs.get(key.itemId)!;
  // Chain and category averages come with a recompute; live, only the floor stands in.
  const velocity = computeVelocity({
    ...input,
    defaults: {
      minCountedDays: settings.minCountedDays,
      floorUnitsPerDay: settings.floorUnitsPerDay,
    },
  });
  const storeLoss = await observedStoreLoss(db, key.locationHandle, now);
  const decision = computeBuffer({
    rules,
    target: { item: key.itemId, location: key.locationHandle, category },
    velocity: velocity.ok ? { unitsPerDay: velocity.unitsPerDay, source: velocity.source } : null,
    observedLoss: storeLoss.observation,
  });
  const { ok: _ok, ...facts } = velocity;
  return {
    velocity: velocity.ok ? facts : { unavailable: velocity.reason },
    buffer: decision.explanation,
    storeLoss,
    proposedUnits: decision.ok ? decision.bufferUnits : 0,
  };
}

async function fallbackRules(db: Kysely<Database>): Promise<BufferRules> {
  const locations = await db.selectFrom('locations').select(['handle', 'buffer_units']).execute();
  return locationFallbackRules(locations).rules;
}
