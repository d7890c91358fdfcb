import type { MerchantAction } from '../commerce/merchant-action.js';
import type { ShopState } from '../state/shop-state.js';
import { applyAsGroup } from './adjustment-recorder.js';
import type { PlannedChange } from './adjustment-recorder.js';
import {
  UserErrorList,
  checkChangeFrom,
  checkReason,
  checkReferenceDocument,
  findItem,
  findLevel,
  findLocation,
} from './inventory-rules.js';
import type { InventoryWriteResult, SetInput } from './inventory-write-types.js';

const MAX_SET_QUANTITY = 1_000_000_000;

/**
 * `inventorySetQuantities`: absolute values of available or on_hand only. Either way the
 * difference lands in available, and so in on_hand: an absolute set books units gained or lost
 * (research §9), which is why trueshelf never syncs with it.
 */
export function setQuantities(
  state: ShopState,
  action: MerchantAction,
  input: SetInput,
): InventoryWriteResult {
  const errors = new UserErrorList();
  const nameOk = input.name === 'available' || input.name === 'on_hand';
  if (!nameOk)
    errors.add(
      'INVALID_NAME',
      ['input', 'name'],
      "The quantity name must be either 'available' or 'on_hand'.",
    );
  checkReason(errors, input.reason);
  checkReferenceDocument(errors, input.referenceDocumentUri);

  const seen = new Set<string>();
  const planned: PlannedChange[] = [];
  input.quantities.forEach((entry, index) => {
    const at = ['input', 'quantities', index];
    const itemId = findItem(state, errors, entry.inventoryItemId, [...at, 'inventoryItemId']);
    const locationId = findLocation(state, errors, entry.locationId, [...at, 'locationId']);
    if (entry.quantity < 0)
      errors.add(
        'INVALID_QUANTITY_NEGATIVE',
        [...at, 'quantity'],
        "The quantity can't be negative.",
      );
    if (entry.quantity > MAX_SET_QUANTITY)
      errors.add(
        'INVALID_QUANTITY_TOO_HIGH',
        [...at, 'quantity'],
        "The total quantity can't be higher than 1,000,000,000.",
      );

    const pair = `${itemId}@${locationId}`;
    if (seen.has(pair))
      errors.add(
        'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR',
        at,
        'The combination of inventoryItemId and locationId must be unique.',
      );
    seen.add(pair);

    const level = findLevel(state, errors, itemId, locationId, [...at, 'locationId']);
    if (!level || !nameOk) return;
    const current = level.cells[input.name === 'on_hand' ? 'on_hand' : 'available'].quantity;
    checkChangeFrom(errors, entry.changeFromQuantity, current, [...at, 'changeFromQuantity']);
    planned.push({
      level,
      name: 'available',
      delta: entry.quantity - current,
      ledgerDocumentUri: null,
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
