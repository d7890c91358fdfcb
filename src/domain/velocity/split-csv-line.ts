/** The fields of one CSV line, or where quoting went wrong (a 0-based field index). */
export type SplitCsvLine =
  | { ok: true; fields: string[] }
  | { ok: false; reason: 'unterminated_quote' | 'text_after_quote'; fieldIndex: number };

/**
 * Splits one line of comma-separated values (RFC 4180 quoting: `"a, b"`, `""` for a quote).
 * Unquoted fields are trimmed; quoted ones are kept as written. A quoted field cannot span
 * lines here: the importer reads one line at a time, so such a field is reported as
 * unterminated rather than silently joined.
 */
export function splitCsvLine(line: string): SplitCsvLine {
  const fields: string[] = [];
  let at = 0;

  for (;;) {
    while (line[at] === ' ' || line[at] === '\t') at += 1;

    if (line[at] === '"') {
      const quoted = readQuoted(line, at + 1);
      if (quoted === null)
        return { ok: false, reason: 'unterminated_quote', fieldIndex: fields.length };
      fields.push(quoted.value);
      at = quoted.next;
      while (line[at] === ' ' || line[at] === '\t') at += 1;
      if (at < line.length && line[at] !== ',') {
        return { ok: false, reason: 'text_after_quote', fieldIndex: fields.length - 1 };
      }
    } else {
      const comma = line.indexOf(',', at);
      const end = comma === -1 ? line.length : comma;
      fields.push(line.slice(at, end).trim());
      at = end;
    }

    if (at >= line.length) return { ok: true, fields };
    at += 1; // past the comma
  }
}

function readQuoted(line: string, from: number): { value: string; next: number } | null {
  let value = '';
  let at = from;
  for (;;) {
    const quote = line.indexOf('"', at);
    if (quote === -1) return null;
    value += line.slice(at, quote);
    if (line[quote + 1] !== '"') return { value, next: quote + 1 };
    value += '"';
    at = quote + 2;
  }
}
