import type { HoldDemand } from '../../domain/holds/hold-demand.js';

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
