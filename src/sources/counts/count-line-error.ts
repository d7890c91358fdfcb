/** Why one line of a count file was refused. */
export type CountLineErrorReason =
  | 'wrong_column_count'
  | 'malformed_quotes'
  | 'unknown_location'
  | 'missing_code'
  | 'unknown_sku'
  | 'unknown_barcode'
  | 'unknown_code'
  | 'ambiguous_sku'
  | 'ambiguous_barcode'
  | 'sku_barcode_mismatch'
  | 'missing_count'
  | 'invalid_count'
  | 'negative_count'
  | 'fractional_count'
  | 'count_too_large'
  | 'missing_counted_at'
  | 'invalid_counted_at'
  | 'counted_at_without_zone'
  | 'counted_in_future';

/** One refused line: its 1-based line number in the file (the header is line 1) and why. */
export interface CountLineError {
  readonly line: number;
  readonly reason: CountLineErrorReason;
  /** What was seen and what was expected, for a person fixing the file. */
  readonly detail: string;
}
