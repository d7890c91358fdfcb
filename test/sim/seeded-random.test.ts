import { describe, expect, it } from 'vitest';

import { SeededRandom } from '../../src/sim/seeded-random.js';

const draws = (random: SeededRandom, count: number) =>
  Array.from({ length: count }, () => random.next());

describe('SeededRandom', () => {
  it('repeats a stream for the same seed and key, whatever was drawn before', () => {
    const a = new SeededRandom(5);
    const b = new SeededRandom(5);
    draws(b, 17);
    a.rekey(3, 4, 1);
    b.rekey(3, 4, 1);

    expect(draws(a, 5)).toEqual(draws(b, 5));
  });

  it('gives different streams for different seeds or keys', () => {
    const a = new SeededRandom(5);
    const b = new SeededRandom(6);
    a.rekey(3, 4, 1);
    b.rekey(3, 4, 1);
    const c = new SeededRandom(5);
    c.rekey(4, 3, 1);

    expect(draws(a, 3)).not.toEqual(draws(b, 3));
    a.rekey(3, 4, 1);
    expect(draws(a, 3)).not.toEqual(draws(c, 3));
  });

  it('draws uniformly in [0, 1): 10,000 draws put 10 % ± 1.2 points in each tenth', () => {
    // Binomial sd for one tenth: √(0.1 × 0.9 / 10,000) = 0.3 points; the band is 4 sd.
    const random = new SeededRandom(1);
    const tenths = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i += 1) {
      const draw = random.next();
      expect(draw).toBeGreaterThanOrEqual(0);
      expect(draw).toBeLessThan(1);
      tenths[Math.floor(draw * 10)]! += 1;
    }
    for (const count of tenths) expect(Math.abs(count - 1000)).toBeLessThanOrEqual(120);
  });
});
