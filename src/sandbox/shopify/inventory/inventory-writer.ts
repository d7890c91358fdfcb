import type { Clock } from '../../../shared/clock.js';
import type { MerchantAction } from '../commerce/merchant-action.js';
import type { SandboxStore } from '../commerce/sandbox-store.js';
import { IdempotencyRegistry, fingerprintOf } from './idempotency-registry.js';
import type { InventoryMutationName, InventoryWriteResult } from './inventory-write-types.js';
import type { MutationLog } from './mutation-log.js';

/**
 * Runs an app's inventory mutation under its idempotency key, once. A fresh request is applied
 * as one merchant action (so Shopify's echo `inventory_levels/update` follows when available
 * moved); a replay returns the stored result and changes nothing.
 */
export class InventoryWriter {
  private readonly registry = new IdempotencyRegistry<InventoryWriteResult>();

  constructor(
    private readonly store: SandboxStore,
    private readonly log: MutationLog,
    private readonly clock: Clock,
  ) {}

  run(
    mutation: InventoryMutationName,
    idempotencyKey: string,
    input: unknown,
    apply: (action: MerchantAction) => InventoryWriteResult,
  ): InventoryWriteResult {
    const fingerprint = fingerprintOf(mutation, input);
    const found = this.registry.lookup(idempotencyKey, fingerprint);
    const base = { at: this.clock(), mutation, idempotencyKey, input };

    if (found.kind === 'replay') {
      this.log.record({
        ...base,
        outcome: 'replayed',
        adjustmentGroupId: found.result.group?.id ?? null,
        changes: [],
        userErrors: found.result.userErrors,
      });
      return found.result;
    }
    if (found.kind === 'mismatch') {
      const userErrors = [
        {
          code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
          field: null,
          message: 'The same idempotency key cannot be used with different operation parameters.',
        },
      ];
      this.log.record({
        ...base,
        outcome: 'key_mismatch',
        adjustmentGroupId: null,
        changes: [],
        userErrors,
      });
      return { group: null, userErrors };
    }

    const result = this.store.withAction(apply);
    this.registry.remember(idempotencyKey, fingerprint, result);
    this.log.record({
      ...base,
      outcome: result.group ? 'applied' : 'rejected',
      adjustmentGroupId: result.group?.id ?? null,
      changes: result.group ? result.group.changes.map((change) => ({ ...change })) : [],
      userErrors: result.userErrors,
    });
    return result;
  }
}
