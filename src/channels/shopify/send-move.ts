import { sendInventoryMutation } from '../../sources/shopify/send-inventory-mutation.js';
import type { InventoryMutationResult } from '../../sources/shopify/send-inventory-mutation.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';

export type MoveResult = InventoryMutationResult;

/** Sends one `inventoryMoveQuantities` of trueshelf's own units under its `@idempotent` key. */
export function sendMove(
  client: ShopifyAdminClient,
  key: string,
  input: Record<string, unknown>,
): Promise<MoveResult> {
  return sendInventoryMutation(
    client,
    {
      field: 'inventoryMoveQuantities',
      inputType: 'InventoryMoveQuantitiesInput',
      operationName: 'MoveOwnUnits',
      metric: 'move_quantities',
      cost: 10,
    },
    key,
    input,
  );
}
