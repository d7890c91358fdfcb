import type { HoldDemand } from '../../domain/holds/hold-demand.js';
import type { NewHoldOutcome } from '../../domain/holds/new-hold-outcome.js';

/**
 * A hold for a cart that, as far as the caller knows, holds nothing yet: the common case, which
 * the new-hold step places in a group without the general path's reads (`placeNewHolds`).
 */
export interface NewHold {
  holdId: string;
  cartId: string;
  /** The API client; idempotency keys are its own. */
  client: string;
  idempotencyKey: string;
  fingerprint: string;
  /** Per level, summed and in lock order (`sumHoldDemand`). */
  demand: readonly HoldDemand[];
  now: string;
  expiresAt: string;
}

export type { GeneralPathReason, NewHoldOutcome } from '../../domain/holds/new-hold-outcome.js';

/**
 * What the new-hold step answers for a hold of a group: its outcome, or `busy` when one of its
 * levels was locked by another transaction and the step was asked not to wait for locks
 * (`waitForLocks: false`): nothing of it was written, and it is to be placed again by a step
 * that waits.
 */
export type GroupOutcome = NewHoldOutcome | { kind: 'busy' };
