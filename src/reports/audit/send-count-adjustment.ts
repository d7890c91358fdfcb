import { TrueshelfError } from '../../shared/error-catalogue.js';
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

export type AdjustmentResult =
  | { kind: 'applied'; adjustmentGroupId: string | null }
  | { kind: 'stale'; message: string }
  | { kind: 'key_failed'; message: string }
  | { kind: 'busy'; message: string }
  | { kind: 'rejected'; message: string }
  | { kind: 'unknown'; message: string };

const KEY = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Sends one `inventoryAdjustQuantities` under an `@idempotent` key (mandatory from 2026-04).
 * A delta on `available` moves on hand by the same amount (on hand is the sum of its parts).
 * Shopify applies a mutation's changes together or not at all, so one call carries every
 * change of a count at a store.
 */
export async function sendCountAdjustment(
  client: ShopifyAdminClient,
  key: string,
  input: CountAdjustmentInput,
): Promise<AdjustmentResult> {
  if (!KEY.test(key))
    throw new TrueshelfError('internal', `idempotency key "${key}" has unexpected characters`, {});

  const mutation = `mutation CorrectCount($input: InventoryAdjustQuantitiesInput!) {
    inventoryAdjustQuantities(input: $input) @idempotent(key: "${key}") {
      inventoryAdjustmentGroup { id }
      userErrors { code field message }
    }
  }`;

  let result;
  try {
    const cost = 10 + input.changes.length;
    result = await client.request<AdjustResponse>('adjust_quantities', mutation, { input }, cost);
  } catch (thrown) {
    // Unanswered after the client's own retries: it may or may not have been applied, so the
    // same request goes again later under the same key.
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return isRetryable(thrown) ? { kind: 'unknown', message } : { kind: 'rejected', message };
  }

  const payload = result.data.inventoryAdjustQuantities;
  const errors = payload?.userErrors ?? [];
  if (payload && errors.length === 0) {
    return { kind: 'applied', adjustmentGroupId: payload.inventoryAdjustmentGroup?.id ?? null };
  }

  const codes = errors.map((e) => e.code ?? '');
  const message =
    errors.map((e) => `${e.code ?? 'ERROR'}: ${e.message}`).join('; ') || 'no payload';
  if (codes.includes('CHANGE_FROM_QUANTITY_STALE')) return { kind: 'stale', message };
  if (
    codes.includes('IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED') ||
    codes.includes('IDEMPOTENCY_KEY_PARAMETER_MISMATCH')
  ) {
    return { kind: 'key_failed', message };
  }
  if (codes.includes('IDEMPOTENCY_CONCURRENT_REQUEST')) return { kind: 'busy', message };
  return { kind: 'rejected', message };
}

function isRetryable(thrown: unknown): boolean {
  if (!(thrown instanceof TrueshelfError)) return false;
  const reason = String(thrown.details['reason'] ?? '');
  return (
    thrown.code === 'shopify_throttled' ||
    reason === 'network' ||
    reason === 'http_429' ||
    reason.startsWith('http_5')
  );
}

interface AdjustResponse {
  inventoryAdjustQuantities: {
    inventoryAdjustmentGroup: { id: string } | null;
    userErrors: { code: string | null; field: string[] | null; message: string }[];
  } | null;
}
