import { TrueshelfError } from '../shared/error-catalogue.js';

/**
 * Keyset pagination: a cursor is the sort key of the last row of a page, as base64url JSON, so
 * a page never skips or repeats a row when rows are added before it. Opaque to clients.
 */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }

  const valid =
    Array.isArray(key) && key.length === arity && key.every((part) => typeof part === 'string');
  if (!valid) {
    throw new TrueshelfError(
      'invalid_request',
      'query parameter cursor is not one this API issued',
      {
        parameter: 'cursor',
        seen: cursor,
        expected: 'the nextCursor of an earlier page of the same endpoint',
      },
    );
  }
  return key as string[];
}

/** Rows are fetched one past the limit: the extra row only says whether a next page exists. */
export function pageOf<Row>(
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => readonly string[],
): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null;
  return { rows: page, nextCursor };
}
