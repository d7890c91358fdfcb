import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { CountImportResult } from './count-import-result.js';

/** An import refused before any line was read: the file had no header, or a bad one. */
export type CountFileRefusal = Extract<
  CountImportResult,
  { reason: 'empty_file' | 'invalid_header' }
>;

const EXPECTED_HEADER = 'a header row: location, sku or barcode, counted_quantity, counted_at';

/**
 * The fault a count file with no header row, or a header missing or repeating a column, is
 * answered with: `invalid_count_file` (422), the same from the API and from
 * `trueshelf audit import`.
 */
export function countFileFault(refusal: CountFileRefusal): TrueshelfError {
  if (refusal.reason === 'empty_file') {
    return new TrueshelfError('invalid_count_file', 'the count file has no header row', {
      reason: 'empty_file',
      expected: EXPECTED_HEADER,
    });
  }

  const parts = [
    refusal.missing.length > 0 ? `missing ${refusal.missing.join(', ')}` : '',
    refusal.duplicated.length > 0 ? `given twice: ${refusal.duplicated.join(', ')}` : '',
  ].filter(Boolean);
  return new TrueshelfError(
    'invalid_count_file',
    `the count file's header row is ${parts.join('; ')}`,
    {
      reason: 'invalid_header',
      missing: refusal.missing,
      duplicated: refusal.duplicated,
      expected: EXPECTED_HEADER,
    },
  );
}
