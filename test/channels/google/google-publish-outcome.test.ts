import { describe, expect, it } from 'vitest';
import { googlePublishOutcome } from '../../../src/channels/google/google-publish-outcome.js';

const noon = () => new Date('2026-03-01T12:00:00Z');

/** An error shaped like gax's GoogleError from a REST call. */
function googleError(fields: Record<string, unknown>, message = 'refused'): Error {
  return Object.assign(new Error(message), fields);
}

describe('googlePublishOutcome', () => {
  it('branches on metadata.REASON first, then the ErrorInfo reason, then the status', () => {
    const withBoth = googleError({
      code: 3,
      httpStatusCode: 400,
      reason: 'r',
      errorInfoMetadata: { REASON: 'INVALID_NAME_PART_NOT_NUMBER' },
    });
    expect(googlePublishOutcome(withBoth, noon)).toEqual({
      ok: false,
      retryable: false,
      reason: 'INVALID_NAME_PART_NOT_NUMBER',
      message: 'refused',
      status: 'INVALID_ARGUMENT',
      httpStatus: 400,
    });
    expect(googlePublishOutcome(googleError({ code: 7, reason: 'r' }), noon)).toMatchObject({
      reason: 'r',
      status: 'PERMISSION_DENIED',
    });
    expect(googlePublishOutcome(googleError({ code: 5 }), noon)).toMatchObject({
      reason: 'NOT_FOUND',
      retryable: false,
    });
  });

  it('retries quota, unavailability, timeouts and a 5xx that was not JSON', () => {
    expect(googlePublishOutcome(googleError({ code: 8, httpStatusCode: 429 }), noon).ok).toBe(
      false,
    );
    for (const fields of [
      { code: 8 },
      { code: 14 },
      { code: 4 },
      { code: 13, httpStatusCode: 502 },
    ]) {
      expect(googlePublishOutcome(googleError(fields), noon)).toMatchObject({ retryable: true });
    }
    expect(googlePublishOutcome(googleError({ code: 13 }), noon)).toMatchObject({
      retryable: false,
    });
  });

  it('waits for the 12:00 UTC reset of a daily quota, tomorrow once it has passed', () => {
    const daily = googleError({
      code: 8,
      errorInfoMetadata: { REASON: 'quota/daily_limit_exceeded' },
    });
    // At 12:00 exactly the reset has just happened for today: next one is 24 h on.
    expect(googlePublishOutcome(daily, noon)).toMatchObject({ retryAfterMs: 24 * 3600 * 1000 });
    expect(googlePublishOutcome(daily, () => new Date('2026-03-01T11:59:00Z'))).toMatchObject({
      retryAfterMs: 60 * 1000,
    });
  });

  it('honours a RetryInfo delay in either JSON form', () => {
    const asText = googleError({ code: 14, statusDetails: [{ retryDelay: '7s' }] });
    const asObject = googleError({
      code: 14,
      statusDetails: [{ retryDelay: { seconds: 2, nanos: 500_000_000 } }],
    });
    expect(googlePublishOutcome(asText, noon)).toMatchObject({ retryAfterMs: 7000 });
    expect(googlePublishOutcome(asObject, noon)).toMatchObject({ retryAfterMs: 2500 });
  });

  it('throws on a fault that is not Google’s answer', () => {
    const bug = new TypeError('x is not a function');
    expect(() => googlePublishOutcome(bug, noon)).toThrow(bug);
  });
});
