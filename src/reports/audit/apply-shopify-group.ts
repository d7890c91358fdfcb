import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock.js';
import { toGid } from '../../shared/shopify-gid.js';
import { enqueueRead } from '../../engine/mirror/enqueue-read.js';
import { readLevels } from '../../sources/shopify/read-levels.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import { auditDb } from './audit-db.js';
import type { GroupFailure } from './apply-outcome.js';
import type { CorrectionGroup, PlannedCorrection } from './correction-plan.js';
import {
  abandonCorrection,
  beginCorrection,
  recordShopifyCorrection,
} from './correction-records.js';
import type { CorrectionDraft } from './correction-records.js';
import { sendCountAdjustment } from './send-count-adjustment.js';
import type { CountAdjustmentInput } from './send-count-adjustment.js';

export interface ShopifyGroupOptions {
  client: ShopifyAdminClient;
  clock: Clock;
  maxChangesPerMutation: number;
  staleRetries: number;
}

// A `nodes` query for more levels than this can cost more than Shopify's per-query ceiling.
const READ_CHUNK = 100;

/**
 * Applies one group at a managed store: reads the levels fresh from Shopify, then sends every
 * change in one `inventoryAdjustQuantities` with `changeFromQuantity` = the fresh available,
 * so Shopify refuses it whole if a sale slips in between. A stale answer is retried with a new
 * read and a new key (it is a different request then); the delta stays the count's variance,
 * so the sale is kept.
 *
 * TODO(limit): a group larger than `maxChangesPerMutation` goes in several mutations, each
 * whole or nothing; if a later one fails the earlier ones stay applied and the outcome says
 * how many. Lifting it needs Shopify's documented cap on `changes`, which we have not pinned.
 */
export async function applyShopifyGroup(
  storage: Storage,
  group: CorrectionGroup,
  options: ShopifyGroupOptions,
  applied: (draft: CorrectionDraft) => void,
): Promise<GroupFailure | null> {
  for (let from = 0; from < group.changes.length; from += options.maxChangesPerMutation) {
    const chunk = group.changes.slice(from, from + options.maxChangesPerMutation);
    const failure = await applyChunk(storage, group, chunk, options, applied);
    if (failure) return failure;
  }
  return null;
}

async function applyChunk(
  storage: Storage,
  group: CorrectionGroup,
  chunk: readonly PlannedCorrection[],
  options: ShopifyGroupOptions,
  applied: (draft: CorrectionDraft) => void,
): Promise<GroupFailure | null> {
  const db = auditDb(storage);
  const locationId = group.shopifyLocationId!;

  for (let attempt = 0; ; attempt += 1) {
    const fresh = await readAvailable(options.client, chunk, locationId);
    if (!fresh.ok) return { status: 'failed', detail: fresh.detail };

    const input: CountAdjustmentInput = {
      name: 'available',
      reason: 'cycle_count_available',
      referenceDocumentUri: `gid://trueshelf/CountImport/${group.importId}`,
      changes: chunk.map((c) => ({
        inventoryItemId: toGid('InventoryItem', c.shopifyInventoryItemId!),
        locationId: toGid('Location', locationId),
        delta: c.delta,
        changeFromQuantity: fresh.available.get(c.shopifyInventoryItemId!)!,
      })),
    };
    const draft: CorrectionDraft = {
      id: randomUUID(),
      importId: group.importId,
      locationHandle: group.locationHandle,
      target: 'shopify',
      key: randomUUID(),
      request: input,
      lines: chunk.map((c) => ({
        itemId: c.itemId,
        delta: c.delta,
        changeFrom: fresh.available.get(c.shopifyInventoryItemId!)!,
      })),
    };

    const now = options.clock().toISOString();
    if ((await beginCorrection(db, draft, now, true)) === 'busy') {
      return {
        status: 'busy',
        detail: 'another push to one of these levels is in flight; try again shortly',
      };
    }

    const failure = await sendShopifyCorrection(storage, draft, options, applied);
    if (failure?.status === 'stale' && attempt < options.staleRetries) continue;
    return failure;
  }
}

/** Sends a stored correction (first time or resend) and records what Shopify answered. */
export async function sendShopifyCorrection(
  storage: Storage,
  draft: CorrectionDraft,
  options: Pick<ShopifyGroupOptions, 'client' | 'clock'>,
  applied: (draft: CorrectionDraft) => void,
): Promise<GroupFailure | null> {
  const db = auditDb(storage);
  const input = draft.request as CountAdjustmentInput;
  const result = await sendCountAdjustment(options.client, draft.key, input);
  const now = options.clock().toISOString();

  switch (result.kind) {
    case 'applied':
      await recordShopifyCorrection(db, draft, now);
      for (const change of input.changes) {
        await enqueueRead(storage.db, {
          shopifyItemId: change.inventoryItemId.replace(/^.*\//, ''),
          shopifyLocationId: change.locationId.replace(/^.*\//, ''),
          signalAt: now,
          dueAt: now,
        });
      }
      applied(draft);
      return null;
    case 'stale':
      await abandonCorrection(db, draft, 'stale', result.message);
      return { status: 'stale', detail: result.message };
    case 'rejected':
    case 'key_failed':
      await abandonCorrection(db, draft, 'rejected', result.message);
      return { status: 'rejected', detail: result.message };
    case 'busy':
    case 'unknown':
      // Left `sending`, levels still marked: the next apply resends it under the same key.
      return { status: 'unknown', detail: `${result.message}; run the apply again to resend it` };
  }
}

async function readAvailable(
  client: ShopifyAdminClient,
  chunk: readonly PlannedCorrection[],
  locationId: string,
): Promise<{ ok: true; available: Map<string, number> } | { ok: false; detail: string }> {
  const available = new Map<string, number>();
  for (let from = 0; from < chunk.length; from += READ_CHUNK) {
    const asked = chunk
      .slice(from, from + READ_CHUNK)
      .map((c) => ({ shopifyItemId: c.shopifyInventoryItemId!, shopifyLocationId: locationId }));
    const { reads, missing } = await readLevels(client, asked);
    if (missing.length > 0) {
      const items = missing.map((m) => m.shopifyItemId).join(', ');
      return {
        ok: false,
        detail: `Shopify has no level for inventory items ${items} at location ${locationId}; stock them there first`,
      };
    }
    for (const read of reads) available.set(read.shopifyItemId, read.quantities.available);
  }
  const unread = chunk.filter((c) => !available.has(c.shopifyInventoryItemId!));
  if (unread.length > 0) {
    return {
      ok: false,
      detail: `Shopify did not return the levels of ${unread.map((c) => c.itemId).join(', ')}`,
    };
  }
  return { ok: true, available };
}
