import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  retryAfterSeconds,
} from '../../../src/sources/netsuite/concurrency-backoff.js';

const policy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 3000 };

describe('backoff after a concurrency refusal', () => {
  it('doubles per attempt, half fixed and half jitter', () => {
    // Ceilings 500, 1000, 2000; with random 0.5 the wait is 3/4 of the ceiling.
    expect(backoffDelayMs(1, policy, () => 0.5)).toBe(375);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(750);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(1500);
  });

  it('spans half the ceiling to the whole of it as random goes from 0 to 1', () => {
    expect(backoffDelayMs(2, policy, () => 0)).toBe(500);
    expect(backoffDelayMs(2, policy, () => 0.999)).toBe(1000);
  });

  it('stops growing at the cap', () => {
    // 500 * 2^5 = 16000, capped to 3000.
    expect(backoffDelayMs(6, policy, () => 1)).toBe(3000);
  });

  it('waits at least as long as a Retry-After asks', () => {
    expect(backoffDelayMs(1, policy, () => 0.5, 2)).toBe(2000);
  });

  it('reads Retry-After only when it is whole seconds', () => {
    expect(retryAfterSeconds('7')).toBe(7);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
    expect(retryAfterSeconds(null)).toBeUndefined();
  });
});
