import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';

export type MoveResult =
  | { kind: 'applied'; adjustmentGroupId: string | null; points: number }
  | { kind: 'stale'; message: string }
  | { kind: 'key_failed'; message: string }
  | { kind: 'busy'; message: string }
  | { kind: 'rejected'; message: string }
  | { kind: 'unknown'; message: string };

const KEY = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Sends one `inventoryMoveQuantities` with its `@idempotent` key (mandatory from 2026-04). The
 * key is inlined after a strict check; the input travels as a variable.
 */
export async function sendMove(
  client: ShopifyAdminClient,
  key: string,
  input: Record<string, unknown>,
): Promise<MoveResult> {
  if (!KEY.test(key))
    throw new TrueshelfError('internal', `idempotency key "${key}" has unexpected characters`, {});

  const mutation = `mutation MoveOwnUnits($input: InventoryMoveQuantitiesInput!) {
    inventoryMoveQuantities(input: $input) @idempotent(key: "${key}") {
      inventoryAdjustmentGroup { id }
      userErrors { code field message }
    }
  }`;

  let result;
  try {
    result = await client.request<MoveResponse>('move_quantities', mutation, { input }, 10);
  } catch (thrown) {
    // Throttled or unreachable after our own retries: we cannot know whether Shopify applied
    // it, so the same request goes again later with the same key.
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    const retryable =
      thrown instanceof TrueshelfError &&
      (thrown.code === 'shopify_throttled' ||
        thrown.details['reason'] === 'network' ||
        String(thrown.details['reason']).startsWith('http_5') ||
        thrown.details['reason'] === 'http_429');
    return retryable ? { kind: 'unknown', message } : { kind: 'rejected', message };
  }

  const payload = result.data.inventoryMoveQuantities;
  const errors = payload?.userErrors ?? [];
  if (errors.length === 0 && payload) {
    return {
      kind: 'applied',
      adjustmentGroupId: payload.inventoryAdjustmentGroup?.id ?? null,
      points: result.cost?.actualQueryCost ?? 0,
    };
  }

  const codes = errors.map((e) => e.code ?? '');
  const message =
    errors.map((e) => `${e.code ?? 'ERROR'}: ${e.message}`).join('; ') || 'no payload';
  if (codes.includes('CHANGE_FROM_QUANTITY_STALE')) return { kind: 'stale', message };
  if (
    codes.includes('IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED') ||
    codes.includes('IDEMPOTENCY_KEY_PARAMETER_MISMATCH')
  )
    return { kind: 'key_failed', message };
  if (codes.includes('IDEMPOTENCY_CONCURRENT_REQUEST')) return { kind: 'busy', message };
  return { kind: 'rejected', message };
}

interface MoveResponse {
  inventoryMoveQuantities: {
    inventoryAdjustmentGroup: { id: string } | null;
    userErrors: { code: string | null; field: string[] | null; message: string }[];
  } | null;
}
