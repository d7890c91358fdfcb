import { randomUUID } from 'node:crypto';
import { diffQuantities } from '../../domain/movements/diff-quantities.js';
import type { LevelQuantities, QuantityName } from '../../domain/quantities/level-quantities.js';
import { readLevels } from '../../sources/shopify/read-levels.js';
import type { ShopifyLevelRead } from '../../sources/shopify/read-levels.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { applyLevelRead } from '../ledger/apply-level-read.js';
import { snapshotVersions, versionKey } from '../mirror/snapshot-versions.js';
import { loadMirrorLevels } from './load-mirror-levels.js';
import type { MirrorLevel } from './load-mirror-levels.js';
import { onboardingDb } from './onboarding-database.js';

export interface ConfirmTally {
  /** Levels the mirror did not have yet: recorded as first reads. */
  imported: number;
  unchanged: number;
  /** The export differed, but the mirror was read after Shopify's change: the export lagged. */
  exportLagged: number;
  /** A signal or a push of ours is on its way for the level: not a missed signal. */
  inFlight: number;
  /** The re-read agreed with the mirror: the export caught the level mid-change. */
  settled: number;
  drift: number;
  /** Shopify no longer has the level (disconnected); the mirror's own signals handle it. */
  missing: number;
}

export interface ConfirmContext {
  runId: string;
  now: string;
  modes: ChannelModes;
  levelsPerQuery: number;
  /** Shopify's `updatedAt` has one-second resolution, and clocks differ: this much leeway. */
  stampLeewayMs: number;
}

export function emptyTally(): ConfirmTally {
  return {
    imported: 0,
    unchanged: 0,
    exportLagged: 0,
    inFlight: 0,
    settled: 0,
    drift: 0,
    missing: 0,
  };
}

/**
 * Compares a batch of exported levels with the mirror. A bulk export is read over minutes, so a
 * difference is not yet drift: it is re-read by a normal query, and only a difference the fresh
 * read confirms is recorded, as a drift finding, with the correction going through the ledger
 * like any re-read (the movements, the level and the decision in one transaction).
 */
export async function confirmLevelReads(
  storage: Storage,
  client: ShopifyAdminClient,
  reads: readonly ShopifyLevelRead[],
  context: ConfirmContext,
  tally: ConfirmTally,
): Promise<void> {
  const mirror = await loadMirrorLevels(storage, reads);
  const suspects: ShopifyLevelRead[] = [];
  const firstReads: ShopifyLevelRead[] = [];

  for (const read of reads) {
    const level = mirror.get(versionKey(read.shopifyItemId, read.shopifyLocationId));
    if (!level) {
      firstReads.push(read);
      continue;
    }

    const changes = diffQuantities(level.quantities, read.quantities);
    if (changes.length === 0) tally.unchanged += 1;
    else if (level.pending) tally.inFlight += 1;
    else if (
      readAfterChange(
        level,
        read,
        changes.map((c) => c.state),
        context.stampLeewayMs,
      )
    )
      tally.exportLagged += 1;
    else suspects.push(read);
  }

  // Levels never seen before: one transaction per batch (a bootstrap is thousands of them).
  if (firstReads.length > 0) {
    await storage.db.transaction().execute(async (trx) => {
      for (const read of firstReads) {
        const outcome = await applyLevelRead(trx, read, null, {
          now: context.now,
          signalAt: null,
          modes: context.modes,
        });
        if (outcome.applied) tally.imported += 1;
        else tally.inFlight += 1;
      }
    });
  }

  for (let start = 0; start < suspects.length; start += context.levelsPerQuery) {
    await confirmSuspects(
      storage,
      client,
      suspects.slice(start, start + context.levelsPerQuery),
      context,
      tally,
    );
  }
}

async function confirmSuspects(
  storage: Storage,
  client: ShopifyAdminClient,
  suspects: readonly ShopifyLevelRead[],
  context: ConfirmContext,
  tally: ConfirmTally,
): Promise<void> {
  // Versions before the request, as the mirror worker does: a change in between is caught.
  const versions = await snapshotVersions(storage, suspects);
  const before = await loadMirrorLevels(storage, suspects);
  const { reads, missing } = await readLevels(client, suspects);
  tally.missing += missing.length;

  for (const fresh of reads) {
    const key = versionKey(fresh.shopifyItemId, fresh.shopifyLocationId);
    const level = before.get(key);
    if (!level) continue;

    const changes = diffQuantities(level.quantities, fresh.quantities);
    if (changes.length === 0) {
      tally.settled += 1;
      continue;
    }

    const recorded = await storage.db.transaction().execute(async (trx) => {
      const outcome = await applyLevelRead(trx, fresh, versions.get(key) ?? null, {
        now: context.now,
        signalAt: null,
        modes: context.modes,
      });
      if (!outcome.applied) return false;

      await onboardingDb(trx)
        .insertInto('drift_findings')
        .values({
          id: randomUUID(),
          run_id: context.runId,
          item_id: outcome.itemId,
          location_handle: outcome.locationHandle,
          deltas: JSON.stringify(Object.fromEntries(changes.map((c) => [c.state, c.delta]))),
          units: changes.reduce((sum, c) => sum + Math.abs(c.delta), 0),
          cause: 'missed_signal',
          shopify_changed_at: latestStamp(
            fresh,
            changes.map((c) => c.state),
          ),
          found_at: context.now,
        })
        .execute();
      return true;
    });

    if (recorded) tally.drift += 1;
    else tally.inFlight += 1;
  }
}

/**
 * True when the mirror read the level after Shopify last changed every differing state: the
 * export line is older than the mirror, so the mirror is the newer truth.
 */
function readAfterChange(
  level: MirrorLevel,
  read: ShopifyLevelRead,
  states: readonly QuantityName[],
  leewayMs: number,
): boolean {
  if (!level.readAt) return false;
  const readAt = Date.parse(level.readAt);
  return states.every((state) => {
    const stamp = read.updatedAt[state];
    return stamp !== undefined && Date.parse(stamp) + leewayMs < readAt;
  });
}

function latestStamp(
  read: ShopifyLevelRead,
  states: readonly (keyof LevelQuantities)[],
): string | null {
  const stamps = states
    .map((s) => read.updatedAt[s])
    .filter((s): s is string => typeof s === 'string' && !Number.isNaN(Date.parse(s)))
    .map((s) => new Date(s).toISOString())
    .sort();
  return stamps.at(-1) ?? null;
}
