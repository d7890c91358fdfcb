import type { HoldDemand } from '../../domain/holds/hold-demand.js';
import type { ShortLine } from './place-hold.js';

/**
 * A hold for a cart that, as far as the caller knows, holds nothing yet: the common case, which
 * one engine-specific step places without the general path's reads (`placeNewHold`).
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

/**
 * Why a new hold went to the general path instead: the key was seen before (a replay or a
 * mismatch), the cart already has a hold to replace or end, or a short level has holds whose
 * time may have run out (released first, then claimed again).
 */
export type GeneralPathReason = 'known_key' | 'cart_has_holds' | 'expiry_due';

/**
 * What placing a new hold came to. Only `placed` leaves anything written; after the other two
 * the step's writes are undone.
 */
export type NewHoldOutcome =
  | { kind: 'placed' }
  | { kind: 'insufficient_stock'; short: ShortLine[] }
  | { kind: 'general'; why: GeneralPathReason };
