import type { Clock } from '../../shared/clock.js';

export type BudgetDecision =
  { readonly ok: true } | { readonly ok: false; readonly waitMs: number };

/**
 * A token bucket for Merchant API inserts, one per process: it refills at `perMinute` and holds
 * at most `burst` tokens (a second's worth by default), so a backlog drains at the budget and
 * not in a spike. After a 429 Google's own wait stops every insert, not only the refused one.
 * Several processes share Google's quota, so each one's budget is its share of it.
 */
export class InsertRateBudget {
  private tokens: number;
  private refilledAt: number;
  private heldUntil = 0;
  private readonly burst: number;
  private readonly perMs: number;

  constructor(
    perMinute: number,
    private readonly clock: Clock,
    burst?: number,
  ) {
    this.burst = Math.max(1, burst ?? Math.ceil(perMinute / 60));
    this.perMs = perMinute / 60_000;
    this.tokens = this.burst;
    this.refilledAt = clock().getTime();
  }

  /** Takes one insert's token, or says how long until one is free. */
  take(): BudgetDecision {
    const now = this.clock().getTime();
    this.refill(now);
    if (now < this.heldUntil) return { ok: false, waitMs: this.heldUntil - now };

    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, waitMs: Math.ceil((1 - this.tokens) / this.perMs) };
  }

  /** Google said to slow down: no insert for `ms`, then one, then the refill rate again. */
  holdOff(ms: number): void {
    const now = this.clock().getTime();
    this.heldUntil = Math.max(this.heldUntil, now + ms);
    this.tokens = 1;
    this.refilledAt = this.heldUntil;
  }

  private refill(now: number): void {
    if (now <= this.refilledAt) return;
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.perMs);
    this.refilledAt = now;
  }
}
