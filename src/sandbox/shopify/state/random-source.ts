import { randomBytes } from 'node:crypto';

/**
 * Random values for webhook ids, event ids, tokens and cursors. With a seed the sequence is the
 * same on every run (mulberry32), so a demo or a benchmark can be replayed; without one it draws
 * from the operating system.
 */
export class RandomSource {
  private state: number;
  private readonly seeded: boolean;

  constructor(seed?: number) {
    this.seeded = seed !== undefined;
    this.state = (seed ?? 0) >>> 0;
  }

  bytes(count: number): Uint8Array {
    if (!this.seeded) return new Uint8Array(randomBytes(count));
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i += 1) out[i] = Math.floor(this.nextFloat() * 256);
    return out;
  }

  hex(byteCount: number): string {
    return Buffer.from(this.bytes(byteCount)).toString('hex');
  }

  /** An RFC 4122 version-4 uuid, the format of `X-Shopify-Webhook-Id`. */
  uuid(): string {
    const b = this.bytes(16);
    b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
    b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
    const h = Buffer.from(b).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  private nextFloat(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
