import type { CountLineError } from './count-line-error.js';

/** Totals of an accepted import, reconciled as of each count's instant. */
export interface CountImportSummary {
  readonly counts: number;
  /** Counts whose level's books begin after the count: no system figure to compare. */
  readonly unreconciled: number;
  /** Σ max(system, 0): a negative on hand is no units on a shelf (the drift denominator). */
  readonly systemUnits: number;
  readonly countedUnits: number;
  readonly ghostUnits: number;
  readonly foundUnits: number;
}

export interface CountImportLines {
  /** Data lines read (the header and blank lines not included). */
  readonly lines: number;
  readonly goodLines: number;
  readonly badLines: number;
  /** The first refused lines, in line order; `errorsTruncated` says when there were more. */
  readonly errors: readonly CountLineError[];
  readonly errorsTruncated: boolean;
  readonly ignoredColumns: readonly string[];
}

export type CountImportResult =
  | ({
      ok: true;
      importId: string;
      importedAt: string;
      summary: CountImportSummary;
    } & CountImportLines)
  | ({ ok: false; reason: 'rows_rejected'; importId: string } & CountImportLines)
  | {
      ok: false;
      reason: 'invalid_header';
      missing: readonly string[];
      duplicated: readonly string[];
    }
  | { ok: false; reason: 'empty_file' };
