import { suiteQlTimestamp } from './suiteql-literal.js';

/*
 * Watermarks stay in NetSuite's own clock: we send back what it wrote, so no time zone is
 * converted. `YYYY-MM-DD HH24:MI:SS` sorts as text in time order.
 */

/** The later of two watermarks; undefined counts as "nothing seen yet". */
export function laterWatermark(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

/**
 * The watermark moved back by `seconds`, for the next incremental read: rows changed in the
 * same second as the last one seen (or across a daylight-saving fall-back) are read again rather
 * than missed. Re-reading an absolute snapshot changes nothing.
 */
export function watermarkWithOverlap(watermark: string, seconds: number): string {
  const checked = suiteQlTimestamp(watermark, 'watermark');
  // Arithmetic on the wall-clock reading only: treat it as UTC, move it, write it back.
  const moved = new Date(Date.parse(`${checked.replace(' ', 'T')}Z`) - seconds * 1000);
  return moved.toISOString().slice(0, 19).replace('T', ' ');
}
