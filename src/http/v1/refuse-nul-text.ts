import type { FastifyRequest } from 'fastify';
import { TrueshelfError } from '../../shared/error-catalogue.js';

/** Nodes looked at in one body at most; a body within the size limit has fewer. */
const MAX_NODES = 200_000;

/**
 * Refuses text holding U+0000 anywhere in a `/v1` request's path, query or JSON body.
 * PostgreSQL cannot store the NUL character in `text`, so such a value used to fail the query
 * and answer 500 `internal` (SQLite stored it); no id, SKU or handle we issue contains it. The
 * walk is iterative, so a body nested 20,000 levels deep cannot overflow the stack.
 */
export function refuseNulText(request: FastifyRequest): void {
  const parts: [string, unknown][] = [
    ['path', request.params],
    ['query', request.query],
    ['body', request.body],
  ];
  for (const [part, value] of parts) {
    const where = nulAt(value);
    if (where === null) continue;
    throw new TrueshelfError('invalid_request', `${part} ${where} holds the NUL character`, {
      field: `${part}${where === '' ? '' : `.${where}`}`,
      seen: 'text with U+0000',
      expected: 'text without the NUL character',
    });
  }
}

/**
 * The path of the first string holding U+0000 ('' for the value itself), or null. Nearly every
 * request holds none, so the walk first looks without writing a path per field, and only when
 * it finds one walks again, in the same order, to name it.
 */
function nulAt(root: unknown): string | null {
  return holdsNul(root) ? nulPathOf(root) : null;
}

/** `nulPathOf(root) !== null`: the same walk, in the same order and up to the same limit. */
function holdsNul(root: unknown): boolean {
  const stack: unknown[] = [root];
  for (let seen = 0; stack.length > 0 && seen < MAX_NODES; seen += 1) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key.includes('\u0000')) return true;
      stack.push(record[key]);
    }
  }
  return false;
}

function nulPathOf(root: unknown): string | null {
  const stack: [unknown, string][] = [[root, '']];
  for (let seen = 0; stack.length > 0 && seen < MAX_NODES; seen += 1) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      if (key.includes('\u0000')) return childPath;
      stack.push([child, childPath]);
    }
  }
  return null;
}
