import { hasExpired, instantAfter } from './hold-clock.js';

/**
 * `active` counts in the level's held units; `checkout` has left them and waits for its order
 * until its grace period ends; the other three are ended.
 */
export type HoldStatus = 'active' | 'checkout' | 'converted' | 'released' | 'expired';

export type HoldAction =
  | { kind: 'extend'; ttlSeconds: number }
  | { kind: 'release' }
  | { kind: 'checkout'; graceSeconds: number }
  | { kind: 'convert'; orderId?: string };

/** One move of a hold's status, with the condition under which it may happen. */
export interface HoldTransition {
  from: HoldStatus;
  to: HoldStatus;
  endReason: string | null;
  /** `active` only moves while its time has not run out (`expires_at > now`). */
  whileLive?: boolean;
  /** `expired` only happens once the time has run out (`expires_at` or `grace_until` <= now). */
  onceDue?: 'expires_at' | 'grace_until';
  graceUntil?: string;
  orderId?: string;
}

/** What an action does to a hold in a status: a move, a new expiry, nothing, or a refusal. */
export type HoldPlan =
  | { kind: 'move'; move: HoldTransition }
  | { kind: 'extend'; expiresAt: string }
  /** Already where the action leads (releasing twice, converting twice). */
  | { kind: 'unchanged' }
  | { kind: 'refused'; reason: string };

/**
 * The rules of every action on a hold, from its status as of now (see `statusAt`): release and
 * convert are idempotent, an ended hold cannot be extended or checked out, a converted hold
 * cannot be released, and an expired or released one cannot be converted.
 */
export function planHoldAction(status: HoldStatus, action: HoldAction, now: Date): HoldPlan {
  switch (action.kind) {
    case 'extend':
      if (status !== 'active') return refused(`the hold is ${status}; place a new hold`);
      return { kind: 'extend', expiresAt: instantAfter(now, action.ttlSeconds) };
    case 'release':
      if (status === 'active' || status === 'checkout') {
        return move({ from: status, to: 'released', endReason: 'released' });
      }
      if (status === 'released' || status === 'expired') return { kind: 'unchanged' };
      return refused('the hold was converted into an order; cancel the order instead');
    case 'checkout':
      if (status === 'active') {
        const graceUntil = instantAfter(now, action.graceSeconds);
        return move({
          from: 'active',
          to: 'checkout',
          endReason: null,
          whileLive: true,
          graceUntil,
        });
      }
      if (status === 'checkout') return { kind: 'unchanged' };
      return refused(`the hold is ${status}; place a new hold`);
    case 'convert':
      if (status === 'active' || status === 'checkout') {
        const orderId = action.orderId;
        return move({
          from: status,
          to: 'converted',
          endReason: 'api_convert',
          ...(orderId ? { orderId } : {}),
        });
      }
      if (status === 'converted') return { kind: 'unchanged' };
      return refused(`the hold is ${status}; its units went back to sale`);
  }
}

/** How a hold whose time ran out ends: an active one at its TTL, a checkout one at its grace. */
export function expiryTransition(status: 'active' | 'checkout'): HoldTransition {
  return status === 'active'
    ? { from: 'active', to: 'expired', endReason: 'ttl', onceDue: 'expires_at' }
    : { from: 'checkout', to: 'expired', endReason: 'checkout_grace', onceDue: 'grace_until' };
}

/** Expiry at read: an active hold whose time ran out is expired now, swept or not. */
export function statusAt(hold: { status: HoldStatus; expiresAt: string }, now: Date): HoldStatus {
  return hold.status === 'active' && hasExpired(hold.expiresAt, now) ? 'expired' : hold.status;
}

/** Only a hold leaving `active` gives units back; a checkout hold gave them back already. */
export function returnsHeldUnits(move: HoldTransition): boolean {
  return move.from === 'active' && move.to !== 'active';
}

function move(transition: HoldTransition): HoldPlan {
  return { kind: 'move', move: transition };
}

function refused(reason: string): HoldPlan {
  return { kind: 'refused', reason };
}
