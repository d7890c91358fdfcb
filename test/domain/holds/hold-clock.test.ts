import { describe, expect, it } from 'vitest';
import { hasExpired, instantAfter } from '../../../src/domain/holds/hold-clock.js';

describe('hold expiry', () => {
  const expiresAt = '2026-06-01T12:10:00.000Z';

  it('has expired at the very instant of expiresAt', () => {
    expect(hasExpired(expiresAt, new Date('2026-06-01T12:10:00.000Z'))).toBe(true);
  });

  it('has not expired a millisecond before, and has a second after', () => {
    expect(hasExpired(expiresAt, new Date('2026-06-01T12:09:59.999Z'))).toBe(false);
    expect(hasExpired(expiresAt, new Date('2026-06-01T12:10:01.000Z'))).toBe(true);
  });

  it('counts the TTL in UTC seconds, across a daylight saving change', () => {
    // 2026-03-08 02:00 in New York does not exist; UTC instants do not care.
    expect(instantAfter(new Date('2026-03-08T06:55:00.000Z'), 600)).toBe(
      '2026-03-08T07:05:00.000Z',
    );
  });
});
