/**
 * A small seeded generator (mulberry32) that can be re-keyed cheaply. The simulator re-keys it
 * from (seed, level, day, stream) before each level-day, so the draws for one level-day do not
 * depend on what happened elsewhere: every policy sees the same walk-ins, orders and losses
 * (common random numbers), and differences between policies come from the policies alone.
 */
export class SeededRandom {
  private state = 0;

  constructor(private readonly seed: number) {
    this.rekey(0, 0, 0);
  }

  /** Starts a fresh stream for one (a, b, c), e.g. (level, day, stream). */
  rekey(a: number, b: number, c: number): void {
    let h = mix32(this.seed ^ 0x9e3779b9);
    h = mix32(h ^ Math.imul(a + 1, 0x85ebca6b));
    h = mix32(h ^ Math.imul(b + 1, 0xc2b2ae35));
    this.state = mix32(h ^ Math.imul(c + 1, 0x27d4eb2f));
  }

  /** A uniform draw in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
}

// The 32-bit finaliser of MurmurHash3: spreads every input bit over the whole word.
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
