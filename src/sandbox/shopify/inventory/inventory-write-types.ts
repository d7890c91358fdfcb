import type { AdjustmentGroupRecord } from '../state/records.js';

export interface UserError {
  code: string | null;
  field: string[] | null;
  message: string;
}

export interface InventoryWriteResult {
  group: AdjustmentGroupRecord | null;
  userErrors: UserError[];
}

export type InventoryMutationName =
  'inventoryMoveQuantities' | 'inventoryAdjustQuantities' | 'inventorySetQuantities';

export interface MoveTerminalInput {
  locationId: string;
  name: string;
  ledgerDocumentUri?: string | null | undefined;
  /** Present on every terminal from 2026-04; null opts out of the compare-and-swap. */
  changeFromQuantity: number | null;
}

export interface MoveInput {
  reason: string;
  referenceDocumentUri: string;
  changes: Array<{
    inventoryItemId: string;
    quantity: number;
    from: MoveTerminalInput;
    to: MoveTerminalInput;
  }>;
}

export interface AdjustInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null | undefined;
  changes: Array<{
    inventoryItemId: string;
    locationId: string;
    delta: number;
    ledgerDocumentUri?: string | null | undefined;
    changeFromQuantity: number | null;
  }>;
}

export interface SetInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null | undefined;
  quantities: Array<{
    inventoryItemId: string;
    locationId: string;
    quantity: number;
    changeFromQuantity: number | null;
  }>;
}
