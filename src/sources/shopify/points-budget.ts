import type { Clock } from '../../shared/clock.js';

/**
 * Our own leaky bucket of Admin API points, mirroring Shopify's: it never lets this process
 * spend faster than the plan's restore rate, and follows the `throttleStatus` Shopify reports.
 */
export class PointsBudget {
  private available: number;
  private maximum: number;
  private restoreRate: number;
  private updatedAt: number;

  constructor(
    private readonly clock: Clock,
    restoreRatePerSecond: number,
    maximum = 1000,
  ) {
    this.restoreRate = restoreRatePerSecond;
    this.maximum = maximum;
    this.available = maximum;
    this.updatedAt = clock().getTime();
  }

  /** Milliseconds to wait before a request of this cost can go, leaving `reserve` points. */
  waitFor(cost: number, reserve = 0): number {
    this.refill();
    const needed = Math.min(cost + reserve, this.maximum) - this.available;
    return needed <= 0 ? 0 : Math.ceil((needed / this.restoreRate) * 1000);
  }

  /** The bucket's size as last reported. */
  capacity(): number {
    return this.maximum;
  }

  spend(cost: number): void {
    this.refill();
    this.available -= cost;
  }

  /**
   * Shopify's own figures win: they include the refund of requested minus actual cost, and a
   * limit Shopify lowered for a while. Our configured rate stays the ceiling.
   */
  observe(status: {
    currentlyAvailable: number;
    maximumAvailable: number;
    restoreRate: number;
  }): void {
    this.maximum = status.maximumAvailable;
    this.restoreRate = Math.min(this.restoreRate, status.restoreRate) || status.restoreRate;
    this.available = status.currentlyAvailable;
    this.updatedAt = this.clock().getTime();
  }

  private refill(): void {
    const now = this.clock().getTime();
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.available = Math.min(this.maximum, this.available + elapsed * this.restoreRate);
    this.updatedAt = now;
  }
}
