import { randomFillSync } from 'node:crypto';

/** Ten random bytes an id, drawn from one buffer filled 409 ids at a time. */
const RANDOM_BYTES_PER_ID = 10;
const pool = Buffer.alloc(4090);
let drawn = pool.length;

/** Each byte's two hex digits, so an id is put together without converting numbers. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A UUID of version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made one
 * after another sort one after another, so a table keyed by them grows at one end of its index
 * instead of touching a random page per insert: a hold written with a random (version 4) id
 * dirtied a page of each of its two indexes by id, and SQLite copies every dirty page to the
 * write-ahead log at COMMIT (bench/holds-bench.ts). Node 20 has no generator of its own.
 *
 * Every hold takes one, so it costs little: the random bytes come from a pooled buffer (one
 * `randomFillSync` per few hundred ids, as Node's own `randomUUID` does) and the milliseconds
 * are written by arithmetic, not through a BigInt and a Buffer per id.
 */
export function timeOrderedId(nowMs: number = Date.now()): string {
  if (drawn + RANDOM_BYTES_PER_ID > pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  const r = drawn;
  drawn += RANDOM_BYTES_PER_ID;

  // unix_ts_ms: the low 48 bits of the milliseconds, as 12 hex digits.
  const high = Math.floor(nowMs / 0x1_0000_0000) & 0xffff;
  const low = nowMs >>> 0;
  const ms = HEX[high >>> 8]! + HEX[high & 0xff]! + low.toString(16).padStart(8, '0');

  // ver (0b0111) over the top of byte 6, var (0b10) over the top of byte 8; the rest is random.
  const version = HEX[0x70 | (pool[r]! & 0x0f)]! + HEX[pool[r + 1]!]!;
  const variant = HEX[0x80 | (pool[r + 2]! & 0x3f)]! + HEX[pool[r + 3]!]!;
  let node = '';
  for (let i = r + 4; i < r + RANDOM_BYTES_PER_ID; i += 1) node += HEX[pool[i]!]!;

  return `${ms.slice(0, 8)}-${ms.slice(8)}-${version}-${variant}-${node}`;
}
