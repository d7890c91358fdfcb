import { systemClock } from '../../shared/clock.js';
import type { Clock } from '../../shared/clock.js';
import type { Storage } from '../../storage/storage.js';
import { auditDb } from './audit-db.js';
import type {
  CorrectionGroup,
  CorrectionPlan,
  GroupBlock,
  PlannedCorrection,
  SkippedCountLine,
} from './correction-plan.js';
import { readCorrectionCandidates } from './read-correction-candidates.js';
import type { CorrectionCandidate } from './read-correction-candidates.js';
import { reopenLateCounts } from './reopen-late-counts.js';

export interface CorrectionOptions {
  /** One import's counts; all accepted imports when left out. */
  importId?: string;
  location?: string;
  clock?: Clock;
}

/**
 * The dry run: every correction that applying would make, grouped by import and location
 * (each group is applied whole or not at all). A correction is the count's variance
 * (counted − system as of the count) less what was corrected at that level since, applied as
 * a delta to the level as it stands when applied, so sales made after the count are kept.
 * Only the latest count of a level is corrected; older ones are superseded.
 */
export async function planCorrections(
  storage: Storage,
  options: CorrectionOptions = {},
): Promise<CorrectionPlan> {
  const clock = options.clock ?? systemClock;
  const db = auditDb(storage);

  const reopenedNow = await reopenLateCounts(db, clock);
  const candidates = await readCorrectionCandidates(db, {
    importId: options.importId ?? null,
    location: options.location ?? null,
  });

  const groups = new Map<
    string,
    { first: CorrectionCandidate; changes: PlannedCorrection[]; inFlight: boolean }
  >();
  const skipped: SkippedCountLine[] = [];
  for (const row of candidates) {
    const line = {
      importId: row.import_id,
      locationHandle: row.location_handle,
      itemId: row.item_id,
    };
    if (Number(row.superseded) === 1) {
      skipped.push({ ...line, reason: 'superseded' });
      continue;
    }
    if (row.variance === null || row.system_on_hand === null) {
      skipped.push({ ...line, reason: 'before_books' });
      continue;
    }

    const change = plannedChange(row);
    const key = `${row.import_id}\u0000${row.location_handle}`;
    const group = groups.get(key) ?? { first: row, changes: [], inFlight: false };
    group.inFlight ||= Number(row.in_flight) === 1;
    if (change.delta !== 0) group.changes.push(change);
    groups.set(key, group);
  }

  return {
    generatedAt: clock().toISOString(),
    groups: [...groups.values()].filter((g) => g.changes.length > 0 || g.inFlight).map(toGroup),
    skipped,
    reopenedNow,
  };
}

function plannedChange(row: CorrectionCandidate): PlannedCorrection {
  const variance = Number(row.variance);
  const alreadyApplied = Number(row.corrected ?? 0);
  const delta = variance - alreadyApplied;
  const availableAfter = row.available === null ? null : row.available + delta;
  const warnings: PlannedCorrection['warnings'][number][] = [];
  if (availableAfter !== null && availableAfter < 0) warnings.push('available_goes_below_zero');
  if (row.reopened === 1) warnings.push('reopened');

  return {
    itemId: row.item_id,
    sku: row.sku,
    countedAt: row.counted_at,
    systemAtCount: Number(row.system_on_hand),
    counted: row.counted_quantity,
    variance,
    alreadyApplied,
    delta,
    availableNow: row.available,
    onHandNow: row.on_hand,
    availableAfter,
    onHandAfter: row.on_hand === null ? null : row.on_hand + delta,
    shopifyInventoryItemId: row.shopify_inventory_item_id,
    warnings,
  };
}

function toGroup(group: {
  first: CorrectionCandidate;
  changes: PlannedCorrection[];
  inFlight: boolean;
}): CorrectionGroup {
  const { first, changes } = group;
  // The authority table: trueshelf corrects managed stores in Shopify; the ERP owns the rest.
  const target = first.managed === 1 && first.kind === 'store' ? 'shopify' : 'erp';

  let blocked: GroupBlock | null = null;
  if (group.inFlight) blocked = 'correction_in_flight';
  else if (target === 'shopify' && first.mode !== 'publish') blocked = 'location_in_shadow_mode';
  else if (
    target === 'shopify' &&
    (!first.shopify_location_id || changes.some((c) => !c.shopifyInventoryItemId))
  ) {
    blocked = 'not_linked_to_shopify';
  }

  return {
    importId: first.import_id,
    locationHandle: first.location_handle,
    target,
    shopifyLocationId: first.shopify_location_id,
    netsuiteLocationId: first.netsuite_id,
    timeZone: first.time_zone,
    blocked,
    changes,
    netDelta: changes.reduce((sum, c) => sum + c.delta, 0),
  };
}
