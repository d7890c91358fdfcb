import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { ShopifyAdminClient } from './shopify-admin-client.js';

export type InventoryMutationResult =
  | { kind: 'applied'; adjustmentGroupId: string | null; points: number }
  | { kind: 'stale'; message: string }
  | { kind: 'key_failed'; message: string }
  | { kind: 'busy'; message: string }
  | { kind: 'rejected'; message: string }
  | { kind: 'unknown'; message: string };

export interface InventoryMutation {
  /** The mutation field, e.g. `inventoryMoveQuantities`. */
  field: 'inventoryMoveQuantities' | 'inventoryAdjustQuantities';
  inputType: string;
  operationName: string;
  /** The label its Admin API points are counted under. */
  metric: string;
  cost: number;
}

const KEY = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Sends one inventory mutation under its `@idempotent` key (mandatory from 2026-04) and reads
 * the outcome. The key is inlined after a strict check; the input travels as a variable. An
 * answer we never got is `unknown`: the caller resends the same request with the same key.
 */
export async function sendInventoryMutation(
  client: ShopifyAdminClient,
  mutation: InventoryMutation,
  key: string,
  input: unknown,
): Promise<InventoryMutationResult> {
  if (!KEY.test(key))
    throw new TrueshelfError('internal', `idempotency key "${key}" has unexpected characters`, {});

  const document = `mutation ${mutation.operationName}($input: ${mutation.inputType}!) {
    ${mutation.field}(input: $input) @idempotent(key: "${key}") {
      inventoryAdjustmentGroup { id }
      userErrors { code field message }
    }
  }`;

  let result;
  try {
    result = await client.request<Record<string, MutationPayload | null>>(
      mutation.metric,
      document,
      { input },
      mutation.cost,
    );
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return isRetryable(thrown) ? { kind: 'unknown', message } : { kind: 'rejected', message };
  }

  const payload = result.data[mutation.field];
  const errors = payload?.userErrors ?? [];
  if (payload && errors.length === 0) {
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
  ) {
    return { kind: 'key_failed', message };
  }
  if (codes.includes('IDEMPOTENCY_CONCURRENT_REQUEST')) return { kind: 'busy', message };
  return { kind: 'rejected', message };
}

/** Throttled or unreachable after the client's own retries: Shopify may or may not have applied it. */
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

interface MutationPayload {
  inventoryAdjustmentGroup: { id: string } | null;
  userErrors: { code: string | null; field: string[] | null; message: string }[];
}
