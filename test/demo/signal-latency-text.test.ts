import { describe, expect, it } from 'vitest';
import { signalLatencyText } from '../../src/demo/signal-latency-text.js';

const bucket = (le: string, value: number) => ({ labels: { le, channel: 'shopify' }, value });

describe('signalLatencyText', () => {
  it('says no move was timed before the histogram has a sample, instead of a dash', () => {
    const empty = [bucket('0.5', 0), bucket('1', 0), bucket('+Inf', 0)];

    expect(signalLatencyText(empty)).toBe('signal → Shopify: no move timed yet');
    expect(signalLatencyText([])).toBe('signal → Shopify: no move timed yet');
  });

  it('names the smallest bound holding half and 99 % of the moves', () => {
    // 10 moves: 2 within 0.1 s, 6 within 0.5 s, 9 within 1 s, the tenth later. Half (5) fall
    // within 0.5 s; 99 % (9.9) only within +Inf.
    const buckets = [bucket('0.1', 2), bucket('0.5', 6), bucket('1', 9), bucket('+Inf', 10)];

    expect(signalLatencyText(buckets)).toBe('signal → Shopify p50 ≤ 0.5 s, p99 ≤ +Inf s');
  });
});
