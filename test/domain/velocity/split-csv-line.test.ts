import { describe, expect, it } from 'vitest';
import { splitCsvLine, splitCsvLineInto } from '../../../src/domain/velocity/split-csv-line.js';

describe('CSV fields into a reused array', () => {
  it('leaves none of a longer line’s fields behind a shorter one', () => {
    const fields: string[] = [];

    expect(splitCsvLineInto('a, "b, ""c""" ,d,e', fields)).toBeNull();
    expect(fields).toEqual(['a', 'b, "c"', 'd', 'e']);
    expect(splitCsvLineInto(' x ,"y"', fields)).toBeNull();
    expect(fields).toEqual(['x', 'y']);
  });

  it('names the field where quoting went wrong, as splitCsvLine does', () => {
    const fields: string[] = [];

    expect(splitCsvLineInto('a,"b', fields)).toEqual({
      reason: 'unterminated_quote',
      fieldIndex: 1,
    });
    expect(splitCsvLineInto('a,"b" c,d', fields)).toEqual({
      reason: 'text_after_quote',
      fieldIndex: 1,
    });
    expect(splitCsvLine('a,"b" c,d')).toEqual({
      ok: false,
      reason: 'text_after_quote',
      fieldIndex: 1,
    });
  });
});
