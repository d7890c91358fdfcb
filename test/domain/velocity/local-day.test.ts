import { describe, expect, it } from 'vitest';

import { addLocalDays, isLocalDay, listLocalDays } from '../../../src/domain/velocity/local-day.js';
import {
  isValidTimeZone,
  localDayLengthMs,
  localDayOf,
  startOfLocalDay,
} from '../../../src/domain/velocity/local-day-of.js';

const HOUR_MS = 3_600_000;

describe('local days', () => {
  it('accepts real calendar dates and refuses impossible ones', () => {
    expect(isLocalDay('2028-02-29')).toBe(true);
    expect(isLocalDay('2026-02-29')).toBe(false);
    expect(isLocalDay('2026-02-30')).toBe(false);
    expect(isLocalDay('2026-3-08')).toBe(false);
  });

  it('adds days across month and year ends by the calendar', () => {
    expect(addLocalDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addLocalDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(listLocalDays('2026-03-07', '2026-03-09')).toEqual([
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
    ]);
    expect(listLocalDays('2026-03-09', '2026-03-07')).toEqual([]);
  });

  it('places an instant on the Brisbane calendar ten hours ahead of UTC', () => {
    // 2026-03-02T14:30Z + 10 h = 2026-03-03 00:30 in Brisbane.
    expect(localDayOf(new Date('2026-03-02T14:30:00Z'), 'Australia/Brisbane')).toBe('2026-03-03');
    expect(localDayOf(new Date('2026-03-02T13:59:59Z'), 'Australia/Brisbane')).toBe('2026-03-02');
  });

  it('starts a Brisbane day at 14:00 UTC the day before', () => {
    expect(startOfLocalDay('2026-03-03', 'Australia/Brisbane').toISOString()).toBe(
      '2026-03-02T14:00:00.000Z',
    );
  });

  it('gives the New York spring-forward day 23 hours and the fall-back day 25', () => {
    // 2026-03-08 starts at 00:00 EST (05:00Z); 2026-03-09 starts at 00:00 EDT (04:00Z).
    expect(startOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(localDayLengthMs('2026-03-08', 'America/New_York')).toBe(23 * HOUR_MS);
    // 2026-11-01 starts at 00:00 EDT (04:00Z); 2026-11-02 starts at 00:00 EST (05:00Z).
    expect(startOfLocalDay('2026-11-01', 'America/New_York').toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
    expect(localDayLengthMs('2026-11-01', 'America/New_York')).toBe(25 * HOUR_MS);
    expect(localDayLengthMs('2026-03-09', 'America/New_York')).toBe(24 * HOUR_MS);
  });

  it('starts a day at 01:00 where the clocks jump at midnight', () => {
    // Chile sprang forward at 00:00 on 2024-09-08, from -04:00 to -03:00: 01:00-03 = 04:00Z.
    expect(startOfLocalDay('2024-09-08', 'America/Santiago').toISOString()).toBe(
      '2024-09-08T04:00:00.000Z',
    );
  });

  it('knows real zones and refuses made-up ones', () => {
    expect(isValidTimeZone('Australia/Brisbane')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
