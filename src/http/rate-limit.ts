import { TrueshelfError } from '../shared/error-catalogue.js';

export interface RateLimitSettings {
  /** Requests a client may make per second, sustained; 0 turns the limit off. */
  readonly requestsPerSecond: number;
  /** Requests a client may make at once after being quiet. */
  readonly burstRequests: number;
}

export type RateLimitResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly retryAfterSeconds: number; readonly error: TrueshelfError };

interface Bucket {
  tokens: number;
  refilledAtMs: number;
}

/**
 * Clients are the named tokens of the config, so the table stays small; the cap only guards
 * against a config with thousands of names.
 */
const MAX_CLIENTS = 10_000;

/**
 * A token bucket per API client: each request takes one token, tokens come back at
 * `requestsPerSecond` up to `burstRequests`. Held in this process only, so N instances allow a
 * client N times the rate; a shared budget would need the database or a cache.
 */
// TODO(per-process budget): instances behind one balancer each allow the full rate; a shared
// bucket in PostgreSQL (or a cache) would lift it.
export class RateLimit {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Takes a token for `client`, or says when to come back, with the `rate_limited` error. */
  take(client: string): RateLimitResult {
    const { requestsPerSecond, burstRequests } = this.settings;
    if (requestsPerSecond <= 0) return { ok: true };

    const now = this.nowMs();
    const bucket = this.bucketOf(client, now);
    const elapsedSeconds = Math.max(0, now - bucket.refilledAtMs) / 1000;
    bucket.tokens = Math.min(burstRequests, bucket.tokens + elapsedSeconds * requestsPerSecond);
    bucket.refilledAtMs = now;

    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }

    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / requestsPerSecond));
    const error = new TrueshelfError(
      'rate_limited',
      `client "${client}" is over ${requestsPerSecond} requests per second (burst ${burstRequests})`,
      {
        client,
        limitPerSecond: requestsPerSecond,
        burst: burstRequests,
        retryAfterSeconds,
        expected: 'wait retryAfterSeconds (the Retry-After header) and send again',
      },
    );
    return { ok: false, retryAfterSeconds, error };
  }

  private bucketOf(client: string, now: number): Bucket {
    const known = this.buckets.get(client);
    if (known) return known;

    if (this.buckets.size >= MAX_CLIENTS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    const bucket = { tokens: this.settings.burstRequests, refilledAtMs: now };
    this.buckets.set(client, bucket);
    return bucket;
  }
}
