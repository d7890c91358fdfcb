import type { MerchantAction } from '../commerce/merchant-action.js';
import type { StoredQuantityName } from '../state/quantity-names.js';
import type { ShopState } from '../state/shop-state.js';
import { applyAsGroup } from './adjustment-recorder.js';
import type { PlannedChange } from './adjustment-recorder.js';
import {
  ADJUSTABLE_NAMES,
  MAX_QUANTITY,
  UserErrorList,
  checkChangeFrom,
  checkLedgerDocument,
  checkReason,
  checkReferenceDocument,
  findItem,
  findLevel,
  findLocation,
} from './inventory-rules.js';
import type { AdjustInput, InventoryWriteResult } from './inventory-write-types.js';

/**
 * `inventoryAdjustQuantities`: deltas to one named state. Adjusting on_hand moves available by
 * the same amount (on_hand is the sum of its parts). All or nothing.
 */
export function adjustQuantities(
  state: ShopState,
  action: MerchantAction,
  input: AdjustInput,
): InventoryWriteResult {
  const errors = new UserErrorList();
  const nameOk = ADJUSTABLE_NAMES.has(input.name);
  if (!nameOk)
    errors.add(
      'INVALID_QUANTITY_NAME',
      ['input', 'name'],
      `The quantity name ${input.name} is invalid.`,
    );
  checkReason(errors, input.reason);
  checkReferenceDocument(errors, input.referenceDocumentUri);

  const planned: PlannedChange[] = [];
  input.changes.forEach((change, index) => {
    const at = ['input', 'changes', index];
    const itemId = findItem(state, errors, change.inventoryItemId, [...at, 'inventoryItemId']);
    const locationId = findLocation(state, errors, change.locationId, [...at, 'locationId']);
    if (change.delta > MAX_QUANTITY)
      errors.add(
        'INVALID_QUANTITY_TOO_HIGH',
        [...at, 'delta'],
        "The quantity can't be higher than 2,000,000,000.",
      );
    if (change.delta < -MAX_QUANTITY)
      errors.add(
        'INVALID_QUANTITY_TOO_LOW',
        [...at, 'delta'],
        "The quantity can't be lower than -2,000,000,000.",
      );
    checkLedgerDocument(errors, input.name, change.ledgerDocumentUri, [...at, 'ledgerDocumentUri']);

    const level = findLevel(state, errors, itemId, locationId, [...at, 'locationId']);
    if (!level || !nameOk) return;
    const name = input.name as StoredQuantityName | 'on_hand';
    checkChangeFrom(errors, change.changeFromQuantity, level.cells[name].quantity, [
      ...at,
      'changeFromQuantity',
    ]);
    planned.push({
      level,
      name: name === 'on_hand' ? 'available' : name,
      delta: change.delta,
      ledgerDocumentUri: change.ledgerDocumentUri ?? null,
    });
  });

  if (!errors.empty) return { group: null, userErrors: errors.errors };
  const group = applyAsGroup(
    state,
    action,
    input.reason,
    input.referenceDocumentUri ?? null,
    planned,
  );
  return { group, userErrors: [] };
}
