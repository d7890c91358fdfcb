import type { Clock } from '../../../shared/clock.js';

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/**
 * Shopify's leaky bucket of query-cost points, one per app and shop (here: per access token).
 * A request takes its requested cost up front and gets back what it did not use; the bucket
 * refills at `restoreRate` points a second by the injected clock, never past its size.
 */
export class CostBucket {
  private available: number;
  private refilledAt: number;

  constructor(
    private readonly size: number,
    private readonly restoreRate: number,
    private readonly clock: Clock,
  ) {
    this.available = size;
    this.refilledAt = clock().getTime();
  }

  tryTake(points: number): boolean {
    this.refill();
    if (points > this.available) return false;
    this.available -= points;
    return true;
  }

  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.size, this.available + Math.max(0, points));
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.size,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }

  private refill(): void {
    const now = this.clock().getTime();
    const elapsedSeconds = Math.max(0, now - this.refilledAt) / 1000;
    this.available = Math.min(this.size, this.available + elapsedSeconds * this.restoreRate);
    this.refilledAt = now;
  }
}

export class CostBuckets {
  private readonly buckets = new Map<string, CostBucket>();

  constructor(
    private readonly size: number,
    private readonly restoreRate: number,
    private readonly clock: Clock,
  ) {}

  bucketFor(token: string): CostBucket {
    let bucket = this.buckets.get(token);
    if (!bucket) {
      bucket = new CostBucket(this.size, this.restoreRate, this.clock);
      this.buckets.set(token, bucket);
    }
    return bucket;
  }
}
