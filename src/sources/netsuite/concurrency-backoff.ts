export interface BackoffPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultBackoffPolicy: BackoffPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * How long to wait before attempt `failedAttempts + 1`: exponential, capped, with "equal
 * jitter" (half fixed, half random) so that clients refused together do not return together
 * and no wait is zero. A `Retry-After` from the answer is a floor.
 */
export function backoffDelayMs(
  failedAttempts: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterSeconds?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempts - 1));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  const floor = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : 0;
  return Math.round(Math.max(jittered, floor));
}

/** `Retry-After` in seconds, when it is given as seconds (NetSuite does not promise one). */
export function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null || !/^\d{1,5}$/.test(header.trim())) return undefined;
  return Number(header.trim());
}
