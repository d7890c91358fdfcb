import { randomBytes } from 'node:crypto';

/**
 * A UUID of version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made one
 * after another sort one after another, so a table keyed by them grows at one end of its index
 * instead of touching a random page per insert: a hold written with a random (version 4) id
 * dirtied a page of each of its two indexes by id, and SQLite copies every dirty page to the
 * write-ahead log at COMMIT (bench/holds-bench.ts). Node 20 has no generator of its own.
 */
export function timeOrderedId(nowMs: number = Date.now()): string {
  const bytes = randomBytes(16);
  const ms = BigInt(nowMs);
  for (let i = 0; i < 6; i += 1) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);

  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);

  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
