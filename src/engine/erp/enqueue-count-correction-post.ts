import type { Clock } from '../../shared/clock.js';
import { adjustmentBody } from '../../sources/netsuite/inventory-adjustment-poster.js';
import type { InventoryAdjustment } from '../../sources/netsuite/inventory-adjustment.js';
import type { Storage } from '../../storage/storage.js';
import { countCorrectionExternalId } from './count-correction.js';
import type { CountCorrection } from './count-correction.js';
import { recordErpPost } from './erp-post-store.js';
import type { ErpPostingSettings } from './erp-posting-settings.js';
import { dayAt } from './location-day.js';
import { netsuiteReferences } from './netsuite-references.js';

export type CountPostQueued =
  | {
      readonly ok: true;
      readonly externalId: string;
      /** False when this correction was recorded before: nothing new was queued. */
      readonly created: boolean;
      /** Items of the correction that have no NetSuite item, left out of the adjustment. */
      readonly skippedItems: readonly string[];
    }
  | {
      readonly ok: false;
      readonly reason:
        | 'no_adjustment_account'
        | 'location_not_in_netsuite'
        | 'nothing_to_correct'
        | 'no_line_in_netsuite';
    };

export interface CountPostContext {
  readonly settings: ErpPostingSettings;
  readonly clock: Clock;
}

/**
 * Turns a count correction into a NetSuite inventory adjustment, recorded once under
 * `trueshelf-count-<id>` and queued for the `netsuite` channel. No connector posts these: they
 * are the one thing trueshelf always sends to the ERP.
 */
export async function enqueueCountCorrectionPost(
  storage: Storage,
  correction: CountCorrection,
  context: CountPostContext,
): Promise<CountPostQueued> {
  const { settings, clock } = context;
  if (settings.adjustmentAccountId === undefined)
    return { ok: false, reason: 'no_adjustment_account' };
  const lines = correction.lines.filter((line) => line.delta !== 0);
  if (lines.length === 0) return { ok: false, reason: 'nothing_to_correct' };

  const refs = await netsuiteReferences(
    storage,
    correction.locationHandle,
    lines.map((line) => line.itemId),
  );
  if (refs.location === undefined) return { ok: false, reason: 'location_not_in_netsuite' };
  const location = refs.location;
  const posted = lines.filter((line) => refs.items.has(line.itemId));
  const skippedItems = lines.filter((line) => !refs.items.has(line.itemId)).map((l) => l.itemId);
  if (posted.length === 0) return { ok: false, reason: 'no_line_in_netsuite' };

  const externalId = countCorrectionExternalId(correction.id);
  const adjustment: InventoryAdjustment = {
    externalId,
    accountId: settings.adjustmentAccountId,
    ...(settings.subsidiaryId !== undefined ? { subsidiaryId: settings.subsidiaryId } : {}),
    locationId: location.netsuiteId,
    tranDate: dayAt(correction.countedAt, location.timeZone),
    memo: correction.memo ?? `trueshelf count correction ${correction.id}`,
    lines: posted.map((line) => ({
      itemId: refs.items.get(line.itemId) as string,
      locationId: location.netsuiteId,
      adjustQtyBy: line.delta,
    })),
  };
  // A malformed document is refused here, before it is stored and queued.
  adjustmentBody(adjustment);

  const now = clock().toISOString();
  const created = await storage.db.transaction().execute((trx) =>
    recordErpPost(
      trx,
      {
        externalId,
        kind: 'inventory_adjustment',
        sourceRef: correction.id,
        locationHandle: correction.locationHandle,
        request: adjustment,
      },
      now,
    ),
  );
  return { ok: true, externalId, created, skippedItems };
}
