import type { IneligibleLine, VelocityLookup } from '../../domain/holds/hold-eligibility.js';
import { policyForLocations } from '../../domain/holds/hold-policy.js';
import type { HoldPolicy, LocationHoldPolicy } from '../../domain/holds/hold-policy.js';
import { requestFingerprint } from '../../domain/holds/request-fingerprint.js';
import type { Clock } from '../../shared/clock.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { Storage } from '../../storage/storage.js';
import type { ChannelModes } from '../decision/refresh-decision.js';
import { changeHold } from './change-hold.js';
import type { HoldAction, HoldChangeResult } from './change-hold.js';
import { holdsDb } from './holds-database.js';
import { readHold } from './hold-view.js';
import type { HoldView } from './hold-view.js';
import { listHolds } from './list-holds.js';
import type { HoldFilter } from './list-holds.js';
import { earlierAnswer, placeHold } from './place-hold.js';
import type { PlaceHoldResult } from './place-hold.js';
import { resolveHoldLines } from './resolve-hold-lines.js';
import { StaleLevelRefresher } from './stale-level-refresher.js';
import type { HoldLineInput } from './resolve-hold-lines.js';

export interface HoldServiceOptions {
  storage: Storage;
  policy: HoldPolicy;
  modes: ChannelModes;
  clock: Clock;
  /** Units sold per day, for a policy that offers holds on fast sellers (`minUnitsPerDay`). */
  velocity?: VelocityLookup;
  /** Called after a change that may have queued pushes (wakes the outbox). */
  onDecisions?: () => void;
}

/** A hold request as the API takes it, after its schema. */
export interface HoldRequestInput {
  client: string;
  idempotencyKey: string;
  cartId: string;
  lines: HoldLineInput[];
  ttlSeconds?: number | undefined;
}

/** What placing a hold came to: `placeHold`'s outcomes, or lines the policy offers no hold for. */
export type HoldPlacement = PlaceHoldResult | { kind: 'ineligible'; lines: IneligibleLine[] };

/**
 * Holds for carts and pickups: place (idempotent per client key), read, list, extend,
 * release, check out and convert. The policy decides which items and stores take holds and
 * how long they last; every change refreshes the touched levels' decisions in its transaction,
 * except a placement's claimed levels, which the stale-level refresher decides after COMMIT.
 */
export class HoldService {
  private readonly refresher: StaleLevelRefresher;

  constructor(private readonly options: HoldServiceOptions) {
    this.refresher = StaleLevelRefresher.of(options.storage, options.modes, options.clock);
  }

  async place(input: HoldRequestInput): Promise<HoldPlacement> {
    const { storage, policy, modes, clock, velocity } = this.options;
    const fingerprint = requestFingerprint({
      cartId: input.cartId,
      lines: input.lines,
      ttlSeconds: input.ttlSeconds,
    });
    // A refusal below is first checked against the key: a replay is answered as the first
    // request was, though an item, a location or the policy changed since.
    const refuse = async (refusal: () => HoldPlacement): Promise<HoldPlacement> => {
      const earlier = await earlierAnswer(holdsDb(storage.db), { ...input, fingerprint }, clock());
      return earlier ? this.answered(earlier) : refusal();
    };

    let resolved: Awaited<ReturnType<typeof resolveHoldLines>>;
    try {
      resolved = await resolveHoldLines(storage, input.lines, policy, velocity);
    } catch (thrown) {
      return refuse(() => {
        throw thrown;
      });
    }
    if (resolved.ineligible.length > 0) {
      const ineligible = resolved.ineligible;
      return refuse(() => ({ kind: 'ineligible', lines: ineligible }));
    }

    const ttlSeconds = input.ttlSeconds ?? resolved.policy.defaultTtlSeconds;
    const maxTtlSeconds = resolved.policy.maxTtlSeconds;
    if (ttlSeconds > maxTtlSeconds) {
      return refuse(() => {
        throw ttlTooLong(ttlSeconds, maxTtlSeconds);
      });
    }

    const result = await placeHold(
      storage,
      { ...input, fingerprint, lines: resolved.lines, ttlSeconds, skus: resolved.skus },
      { modes, now: clock() },
    );
    return this.answered(result);
  }

  /**
   * A placement's answer once its levels are decided. A first hold's levels were decided in
   * its own transaction. The general path's claim committed with its levels marked stale:
   * answer once they are decided, so the channels' pushes are queued when the caller hears of
   * the hold. A replay waits too: the instance that placed it may have died before its round.
   * Its claim's levels may no longer be the hold's lines (the cart held again since, and the
   * replaced lines are gone), so a replay settles every level marked now (a partial index
   * finds them; replays are rare).
   */
  private async answered(result: PlaceHoldResult): Promise<HoldPlacement> {
    if (result.kind !== 'placed' && result.kind !== 'replayed') return result;

    if (result.kind === 'placed') await this.refresher.settle(result.unsettled);
    else await this.refresher.settleAll();
    this.options.onDecisions?.();
    return result;
  }

  get(holdId: string): Promise<HoldView | null> {
    return readHold(holdsDb(this.options.storage.db), holdId, this.options.clock());
  }

  list(filter: HoldFilter): Promise<HoldView[]> {
    return listHolds(holdsDb(this.options.storage.db), filter, this.options.clock());
  }

  /** Sets the expiry to `ttlSeconds` from now, within the policy's longest TTL. */
  async extend(holdId: string, ttlSeconds: number): Promise<HoldChangeResult> {
    const max = await this.limitsOf(holdId);
    if (max !== null && ttlSeconds > max.maxTtlSeconds)
      throw ttlTooLong(ttlSeconds, max.maxTtlSeconds);
    return this.change(holdId, { kind: 'extend', ttlSeconds });
  }

  release(holdId: string): Promise<HoldChangeResult> {
    return this.change(holdId, { kind: 'release' });
  }

  /** The holder goes to Shopify's checkout: units back to `available` for the grace period. */
  async checkout(holdId: string): Promise<HoldChangeResult> {
    const limits = await this.limitsOf(holdId);
    const graceSeconds = limits?.checkoutGraceSeconds ?? this.options.policy.checkoutGraceSeconds;
    return this.change(holdId, { kind: 'checkout', graceSeconds });
  }

  /** A storefront with its own checkout sold the units: the hold ends converted. */
  convert(holdId: string, orderId?: string): Promise<HoldChangeResult> {
    return this.change(holdId, { kind: 'convert', ...(orderId ? { orderId } : {}) });
  }

  private async change(holdId: string, action: HoldAction): Promise<HoldChangeResult> {
    const { storage, modes, clock } = this.options;
    const result = await changeHold(storage, holdId, action, { modes, now: clock() });
    if (result.kind === 'changed') this.options.onDecisions?.();
    return result;
  }

  /** The policy binding a hold's lines (the strictest of their locations). */
  private async limitsOf(holdId: string): Promise<LocationHoldPolicy | null> {
    const lines = await holdsDb(this.options.storage.db)
      .selectFrom('hold_lines')
      .select('location_handle')
      .where('hold_id', '=', holdId)
      .execute();
    if (lines.length === 0) return null;
    return policyForLocations(
      this.options.policy,
      lines.map((line) => line.location_handle),
    );
  }
}

function ttlTooLong(ttlSeconds: number, maxTtlSeconds: number): TrueshelfError {
  return new TrueshelfError(
    'invalid_request',
    `ttlSeconds ${ttlSeconds} is longer than the ${maxTtlSeconds} s the policy allows`,
    { field: 'ttlSeconds', seen: ttlSeconds, expected: `an integer from 1 to ${maxTtlSeconds}` },
  );
}
