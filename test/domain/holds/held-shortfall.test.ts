import { describe, expect, it } from 'vitest';
import { heldShortfall } from '../../../src/domain/holds/held-shortfall.js';

describe('held shortfall', () => {
  it('is zero while gross covers the holds', () => {
    expect(heldShortfall(3, 3)).toBe(0);
  });

  it('is the held units gross no longer covers, a negative gross counting as none', () => {
    expect(heldShortfall(1, 3)).toBe(2);
    expect(heldShortfall(-2, 3)).toBe(3);
  });
});
