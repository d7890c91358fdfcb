import { describe, expect, it } from 'vitest';
import { sumHoldDemand } from '../../../src/domain/holds/hold-demand.js';

describe('sumHoldDemand', () => {
  it('adds up lines for the same item at the same store', () => {
    const demand = sumHoldDemand([
      { itemId: 'tee', locationHandle: 'downtown', quantity: 2 },
      { itemId: 'tee', locationHandle: 'downtown', quantity: 3 },
    ]);

    expect(demand).toEqual([{ itemId: 'tee', locationHandle: 'downtown', quantity: 5 }]);
  });

  it('keeps the same item at two stores apart, in location then item order', () => {
    const demand = sumHoldDemand([
      { itemId: 'tee', locationHandle: 'uptown', quantity: 1 },
      { itemId: 'cap', locationHandle: 'downtown', quantity: 1 },
      { itemId: 'tee', locationHandle: 'downtown', quantity: 4 },
    ]);

    expect(demand.map((d) => `${d.locationHandle}/${d.itemId}=${d.quantity}`)).toEqual([
      'downtown/cap=1',
      'downtown/tee=4',
      'uptown/tee=1',
    ]);
  });

  it('does not change the lines it was given', () => {
    const lines = [
      { itemId: 'tee', locationHandle: 'downtown', quantity: 2 },
      { itemId: 'tee', locationHandle: 'downtown', quantity: 3 },
    ];
    sumHoldDemand(lines);

    expect(lines[0]?.quantity).toBe(2);
  });
});
