import { numericIdOf } from '../state/gid.js';
import type { LevelRecord } from '../state/inventory-level.js';
import type { ShopState } from '../state/shop-state.js';
import type { UserError } from './inventory-write-types.js';

/** Shopify's documented reasons for a quantity change (shopify.dev, inventory states). */
export const REASONS = new Set([
  'correction',
  'cycle_count_available',
  'damaged',
  'movement_canceled',
  'movement_created',
  'movement_received',
  'movement_updated',
  'other',
  'promotion',
  'quality_control',
  'received',
  'reservation_created',
  'reservation_deleted',
  'reservation_updated',
  'restock',
  'safety_stock',
  'shrinkage',
]);

/** States an app may move units between; committed and on_hand are Shopify's own. */
export const MOVABLE_NAMES = new Set([
  'available',
  'damaged',
  'incoming',
  'quality_control',
  'reserved',
  'safety_stock',
]);
export const ADJUSTABLE_NAMES = new Set([...MOVABLE_NAMES, 'on_hand']);
export const MAX_QUANTITY = 2_000_000_000;

export type Field = Array<string | number>;

export class UserErrorList {
  readonly errors: UserError[] = [];

  add(code: string, field: Field, message: string): void {
    this.errors.push({ code, field: field.map(String), message });
  }

  get empty(): boolean {
    return this.errors.length === 0;
  }
}

export function checkReason(errors: UserErrorList, reason: string): void {
  if (!REASONS.has(reason))
    errors.add(
      'INVALID_REASON',
      ['input', 'reason'],
      `The reason ${reason} is not one of Shopify's inventory reasons.`,
    );
}

export function checkReferenceDocument(
  errors: UserErrorList,
  uri: string | null | undefined,
): void {
  if (uri === null || uri === undefined) return;
  if (!isUri(uri))
    errors.add(
      'INVALID_REFERENCE_DOCUMENT',
      ['input', 'referenceDocumentUri'],
      'The specified reference document is invalid.',
    );
}

/**
 * A ledger document is required for every name but available, not allowed for available, and
 * must not be one of Shopify's own (gid://shopify/...) documents.
 */
export function checkLedgerDocument(
  errors: UserErrorList,
  name: string,
  uri: string | null | undefined,
  field: Field,
): void {
  const present = uri !== null && uri !== undefined && uri !== '';
  if (name === 'available') {
    if (present)
      errors.add(
        'INVALID_AVAILABLE_DOCUMENT',
        field,
        'A ledger document URI is not allowed when adjusting available.',
      );
    return;
  }
  if (!present) {
    errors.add(
      'INVALID_QUANTITY_DOCUMENT',
      field,
      'A ledger document URI is required except when adjusting available.',
    );
  } else if (uri.startsWith('gid://shopify/')) {
    errors.add(
      'INTERNAL_LEDGER_DOCUMENT',
      field,
      'Internal (gid://shopify/) ledger documents are not allowed to be adjusted via API.',
    );
  } else if (!isUri(uri)) {
    errors.add('INVALID_LEDGER_DOCUMENT', field, 'The specified ledger document is invalid.');
  }
}

export function findItem(
  state: ShopState,
  errors: UserErrorList,
  gid: string,
  field: Field,
): string | null {
  const id = numericIdOf(gid, 'InventoryItem');
  if (id !== null && state.items.has(id) && gid.startsWith('gid://')) return id;
  errors.add('INVALID_INVENTORY_ITEM', field, 'The specified inventory item could not be found.');
  return null;
}

export function findLocation(
  state: ShopState,
  errors: UserErrorList,
  gid: string,
  field: Field,
): string | null {
  const id = numericIdOf(gid, 'Location');
  if (id !== null && state.locations.has(id) && gid.startsWith('gid://')) return id;
  errors.add('INVALID_LOCATION', field, 'The specified location could not be found.');
  return null;
}

export function findLevel(
  state: ShopState,
  errors: UserErrorList,
  itemId: string | null,
  locationId: string | null,
  field: Field,
): LevelRecord | null {
  if (itemId === null || locationId === null) return null;
  const level = state.level(itemId, locationId);
  if (!level)
    errors.add(
      'ITEM_NOT_STOCKED_AT_LOCATION',
      field,
      'The specified inventory item is not stocked at the location.',
    );
  return level ?? null;
}

/** The compare-and-swap: a non-null `changeFromQuantity` must equal the stored quantity. */
export function checkChangeFrom(
  errors: UserErrorList,
  expected: number | null,
  actual: number,
  field: Field,
): void {
  if (expected === null || expected === actual) return;
  errors.add(
    'CHANGE_FROM_QUANTITY_STALE',
    field,
    `The changeFromQuantity argument no longer matches the persisted quantity (${actual}).`,
  );
}

function isUri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value);
}
