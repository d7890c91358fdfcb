import type { MerchantAction } from '../commerce/merchant-action.js';
import type { StoredQuantityName } from '../state/quantity-names.js';
import type { ShopState } from '../state/shop-state.js';
import { applyAsGroup } from './adjustment-recorder.js';
import type { PlannedChange } from './adjustment-recorder.js';
import {
  MAX_QUANTITY,
  MOVABLE_NAMES,
  UserErrorList,
  checkChangeFrom,
  checkLedgerDocument,
  checkReason,
  checkReferenceDocument,
  findItem,
  findLevel,
  findLocation,
} from './inventory-rules.js';
import type { InventoryWriteResult, MoveInput } from './inventory-write-types.js';

/**
 * `inventoryMoveQuantities`: moves units between two states at one location, or one state
 * between two locations (research §9). All or nothing: one error and no change is applied.
 * Compare-and-swap values are checked against the quantities before the mutation.
 */
export function moveQuantities(
  state: ShopState,
  action: MerchantAction,
  input: MoveInput,
): InventoryWriteResult {
  const errors = new UserErrorList();
  checkReason(errors, input.reason);
  checkReferenceDocument(errors, input.referenceDocumentUri);

  const planned: PlannedChange[] = [];
  input.changes.forEach((change, index) => {
    const at = ['input', 'changes', index];
    const itemId = findItem(state, errors, change.inventoryItemId, [...at, 'inventoryItemId']);
    if (change.quantity < 0)
      errors.add(
        'INVALID_QUANTITY_NEGATIVE',
        [...at, 'quantity'],
        "The quantity can't be negative.",
      );
    if (change.quantity > MAX_QUANTITY)
      errors.add(
        'INVALID_QUANTITY_TOO_HIGH',
        [...at, 'quantity'],
        "The quantity can't be higher than 2,000,000,000.",
      );

    const sides = (['from', 'to'] as const).map((side) => {
      const terminal = change[side];
      const locationId = findLocation(state, errors, terminal.locationId, [
        ...at,
        side,
        'locationId',
      ]);
      const nameOk = MOVABLE_NAMES.has(terminal.name);
      if (!nameOk)
        errors.add(
          'INVALID_QUANTITY_NAME',
          [...at, side, 'name'],
          `The quantity name ${terminal.name} is invalid.`,
        );
      checkLedgerDocument(errors, terminal.name, terminal.ledgerDocumentUri, [
        ...at,
        side,
        'ledgerDocumentUri',
      ]);
      return { side, terminal, locationId, nameOk };
    });
    const [from, to] = sides;
    if (!from || !to) return;

    if (
      from.locationId !== null &&
      from.locationId === to.locationId &&
      from.terminal.name === to.terminal.name
    ) {
      errors.add(
        'SAME_QUANTITY_NAME',
        [...at, 'to', 'name'],
        "The quantity names for each change can't be the same.",
      );
    }
    if (
      from.locationId !== null &&
      to.locationId !== null &&
      from.locationId !== to.locationId &&
      from.terminal.name !== to.terminal.name
    ) {
      errors.add(
        'DIFFERENT_LOCATIONS',
        [...at, 'to', 'locationId'],
        "The quantities can't be moved between different locations.",
      );
    }

    for (const { side, terminal, locationId, nameOk } of sides) {
      const level = findLevel(state, errors, itemId, locationId, [...at, side, 'locationId']);
      if (!level || !nameOk) continue;
      const name = terminal.name as StoredQuantityName;
      checkChangeFrom(errors, terminal.changeFromQuantity, level.cells[name].quantity, [
        ...at,
        side,
        'changeFromQuantity',
      ]);
      planned.push({
        level,
        name,
        delta: side === 'from' ? -change.quantity : change.quantity,
        ledgerDocumentUri: terminal.ledgerDocumentUri ?? null,
      });
    }
  });

  if (!errors.empty) return { group: null, userErrors: errors.errors };
  const group = applyAsGroup(state, action, input.reason, input.referenceDocumentUri, planned);
  return { group, userErrors: [] };
}
