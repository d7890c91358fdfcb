/** The fields of one CSV line, or where quoting went wrong (a 0-based field index). */
export type SplitCsvLine = { ok: true; fields: string[] } | ({ ok: false } & CsvQuotingError);

export interface CsvQuotingError {
  reason: 'unterminated_quote' | 'text_after_quote';
  fieldIndex: number;
}

/**
 * Splits one line of comma-separated values (RFC 4180 quoting: `"a, b"`, `""` for a quote).
 * Unquoted fields are trimmed; quoted ones are kept as written. A quoted field cannot span
 * lines here: the importer reads one line at a time, so such a field is reported as
 * unterminated rather than silently joined.
 */
export function splitCsvLine(line: string): SplitCsvLine {
  const fields: string[] = [];
  const error = splitCsvLineInto(line, fields);
  return error ? { ok: false, ...error } : { ok: true, fields };
}

/**
 * `splitCsvLine` into an array the caller keeps and reuses (its length set to the fields
 * found): no object for a well-formed line, for readers of millions of lines. Returns null, or
 * where quoting went wrong.
 */
export function splitCsvLineInto(line: string, fields: string[]): CsvQuotingError | null {
  let count = 0;
  let at = 0;

  for (;;) {
    while (line[at] === ' ' || line[at] === '\t') at += 1;

    if (line[at] === '"') {
      const next = readQuoted(line, at + 1, fields, count);
      if (next === -1) return failure(fields, count, 'unterminated_quote', count);
      count += 1;
      at = next;
      while (line[at] === ' ' || line[at] === '\t') at += 1;
      if (at < line.length && line[at] !== ',') {
        return failure(fields, count, 'text_after_quote', count - 1);
      }
    } else {
      const comma = line.indexOf(',', at);
      const end = comma === -1 ? line.length : comma;
      fields[count] = line.slice(at, end).trim();
      count += 1;
      at = end;
    }

    if (at >= line.length) {
      fields.length = count;
      return null;
    }
    at += 1; // past the comma
  }
}

function failure(
  fields: string[],
  count: number,
  reason: CsvQuotingError['reason'],
  fieldIndex: number,
): CsvQuotingError {
  fields.length = count;
  return { reason, fieldIndex };
}

// Writes the quoted field starting at `from` into fields[index]; returns where it ends, or -1.
function readQuoted(line: string, from: number, fields: string[], index: number): number {
  let value = '';
  let at = from;
  for (;;) {
    const quote = line.indexOf('"', at);
    if (quote === -1) return -1;
    value += line.slice(at, quote);
    if (line[quote + 1] !== '"') {
      fields[index] = value;
      return quote + 1;
    }
    value += '"';
    at = quote + 2;
  }
}
