import type { MerchantAction } from '../commerce/merchant-action.js';
import { applyDeltas } from '../state/inventory-level.js';
import type { LevelRecord } from '../state/inventory-level.js';
import type { QuantityDeltas, StoredQuantityName } from '../state/quantity-names.js';
import type { AdjustmentChangeRecord, AdjustmentGroupRecord } from '../state/records.js';
import type { ShopState } from '../state/shop-state.js';

export interface PlannedChange {
  level: LevelRecord;
  name: StoredQuantityName;
  delta: number;
  ledgerDocumentUri: string | null;
}

/**
 * Applies validated changes as one adjustment group. Changes to one level are summed first and
 * applied at once, so a move between two states of one level leaves on_hand untouched, and the
 * group lists each (item, location, name) once with its quantity after the whole mutation.
 */
export function applyAsGroup(
  state: ShopState,
  action: MerchantAction,
  reason: string,
  referenceDocumentUri: string | null,
  planned: PlannedChange[],
): AdjustmentGroupRecord {
  const perLevel = new Map<LevelRecord, { deltas: QuantityDeltas; ledgers: Map<string, string> }>();
  for (const plan of planned) {
    const entry = perLevel.get(plan.level) ?? { deltas: {}, ledgers: new Map<string, string>() };
    entry.deltas[plan.name] = (entry.deltas[plan.name] ?? 0) + plan.delta;
    if (plan.ledgerDocumentUri) entry.ledgers.set(plan.name, plan.ledgerDocumentUri);
    perLevel.set(plan.level, entry);
  }

  const changes: AdjustmentChangeRecord[] = [];
  for (const [level, { deltas, ledgers }] of perLevel) {
    const applied = applyDeltas(level, deltas, action.at);
    action.noteChanges(level, applied);
    for (const change of applied)
      changes.push({ ...change, ledgerDocumentUri: ledgers.get(change.name) ?? null });
  }

  const group: AdjustmentGroupRecord = {
    id: state.ids.next(),
    createdAt: action.at,
    reason,
    referenceDocumentUri,
    changes,
  };
  state.adjustmentGroups.set(group.id, group);
  return group;
}
