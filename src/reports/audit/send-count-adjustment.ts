import { sendInventoryMutation } from '../../sources/shopify/send-inventory-mutation.js';
import type { InventoryMutationResult } from '../../sources/shopify/send-inventory-mutation.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';

/** The Shopify input of one count correction (`InventoryAdjustQuantitiesInput`). */
export interface CountAdjustmentInput {
  readonly name: 'available';
  readonly reason: 'cycle_count_available';
  readonly referenceDocumentUri: string;
  readonly changes: readonly {
    readonly inventoryItemId: string;
    readonly locationId: string;
    readonly delta: number;
    readonly changeFromQuantity: number;
  }[];
}

export type AdjustmentResult = InventoryMutationResult;

/**
 * Sends one `inventoryAdjustQuantities` under an `@idempotent` key (mandatory from 2026-04).
 * A delta on `available` moves on hand by the same amount (on hand is the sum of its parts).
 * Shopify applies a mutation's changes together or not at all, so one call carries every
 * change of a count at a store.
 */
export function sendCountAdjustment(
  client: ShopifyAdminClient,
  key: string,
  input: CountAdjustmentInput,
): Promise<AdjustmentResult> {
  return sendInventoryMutation(
    client,
    {
      field: 'inventoryAdjustQuantities',
      inputType: 'InventoryAdjustQuantitiesInput',
      operationName: 'CorrectCount',
      metric: 'adjust_quantities',
      cost: 10 + input.changes.length,
    },
    key,
    input,
  );
}
