/** Why a line of a past-sales CSV was refused. */
export type SalesCsvErrorReason =
  | 'empty_header'
  | 'missing_column'
  | 'duplicate_column'
  | 'unterminated_quote'
  | 'text_after_quote'
  | 'wrong_field_count'
  | 'missing_value'
  | 'invalid_date'
  | 'invalid_instant'
  | 'instant_without_offset'
  | 'invalid_quantity';

/**
 * A refused line: its 1-based number, the column (by header name, null when the whole line is
 * at fault), the reason, the value seen and a sentence saying what was expected.
 */
export interface SalesCsvError {
  line: number;
  column: string | null;
  reason: SalesCsvErrorReason;
  value: string | null;
  message: string;
}
