import { describe, expect, it } from 'vitest';
import { parseJsonWithBigIds } from '../../src/shared/parse-json-with-big-ids.js';

describe('parseJsonWithBigIds', () => {
  it('keeps an id above 2^53 exact, as a string', () => {
    const parsed = parseJsonWithBigIds(
      '{"inventory_item_id":271878346596884015,"available":7}',
    ) as Record<string, unknown>;

    expect(parsed['inventory_item_id']).toBe('271878346596884015');
    expect(parsed['available']).toBe(7);
  });

  it('leaves digits inside strings, escapes and small numbers alone', () => {
    const text =
      '{"note":"order 12345678901234567 \\"quoted\\"","n":-3,"f":1.5e3,"list":[1234567890123456789]}';
    const parsed = parseJsonWithBigIds(text) as Record<string, unknown>;

    expect(parsed['note']).toBe('order 12345678901234567 "quoted"');
    expect(parsed['n']).toBe(-3);
    expect(parsed['f']).toBe(1500);
    expect(parsed['list']).toEqual(['1234567890123456789']);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseJsonWithBigIds('{"a":')).toThrow(SyntaxError);
  });
});
