import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../src/shared/time-ordered-id.js';

describe('time-ordered ids', () => {
  it('are version 7 UUIDs whose first 48 bits are the milliseconds they were made at', () => {
    // 0x0123456789ab ms (2009-10-25): its six bytes, in order, open the id.
    const id = timeOrderedId(0x0123456789ab);

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id.slice(0, 13)).toBe('01234567-89ab');
  });

  it('sort in the order of the milliseconds they were made at, and differ within one', () => {
    const start = Date.parse('2026-12-04T16:00:00.000Z');
    const ids = Array.from({ length: 200 }, (_, i) => timeOrderedId(start + i * 7));

    expect([...ids].sort()).toEqual(ids);
    const sameMs = new Set(Array.from({ length: 1000 }, () => timeOrderedId(start)));
    expect(sameMs.size).toBe(1000);
  });
});
