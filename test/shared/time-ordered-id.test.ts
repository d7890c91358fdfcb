import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../src/shared/time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 48-bit unix_ts_ms field of an id, read back as a number. */
function millisecondsOf(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

describe('time-ordered ids', () => {
  it('are version 7 UUIDs whose first 48 bits are the milliseconds they were made at', () => {
    // 0x0123456789ab ms (2009-10-25): its six bytes, in order, open the id.
    const id = timeOrderedId(0x0123456789ab);

    expect(id).toMatch(UUID_V7);
    expect(id.slice(0, 13)).toBe('01234567-89ab');
  });

  it.each([
    ['the epoch', 0],
    ['the last millisecond below 2^32', 0xffff_ffff],
    ['2^32', 0x1_0000_0000],
    ['a day in 2026', Date.parse('2026-12-04T16:00:00.123Z')],
    ['the last millisecond 48 bits hold', 2 ** 48 - 1],
  ])('carry %s in their first 48 bits', (_case, ms) => {
    const id = timeOrderedId(ms);

    expect(id).toMatch(UUID_V7);
    expect(millisecondsOf(id)).toBe(ms);
  });

  it('keep the version and variant bits on every id, across refills of their random bytes', () => {
    const ids = Array.from({ length: 5_000 }, () => timeOrderedId());

    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('differ from each other within one millisecond, over many more ids than one refill', () => {
    const ms = Date.parse('2026-12-04T16:00:00.000Z');
    const ids = new Set(Array.from({ length: 20_000 }, () => timeOrderedId(ms)));

    expect(ids.size).toBe(20_000);
  });

  it('sort in the order of the milliseconds they were made at', () => {
    const start = Date.parse('2026-12-04T16:00:00.000Z');
    const ids = Array.from({ length: 2_000 }, (_, i) => timeOrderedId(start + i * 7));

    expect([...ids].sort()).toEqual(ids);
    expect(ids.map(millisecondsOf)).toEqual(ids.map((_, i) => start + i * 7));
    // Where the low 32 bits of the milliseconds wrap round, the order holds too.
    expect(timeOrderedId(0xffff_ffff) < timeOrderedId(0x1_0000_0000)).toBe(true);
  });

  it('without a time, take the clock', () => {
    const before = Date.now();
    const id = timeOrderedId();
    const after = Date.now();

    expect(millisecondsOf(id)).toBeGreaterThanOrEqual(before);
    expect(millisecondsOf(id)).toBeLessThanOrEqual(after);
  });
});
