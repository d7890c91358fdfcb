export type IdempotencyLookup<T> =
  { kind: 'new' } | { kind: 'replay'; result: T } | { kind: 'mismatch' };

/**
 * Remembers each `@idempotent` key with the request it came with (research §3.2): the same key
 * and variables replay the stored result without applying anything; the same key with other
 * variables is IDEMPOTENCY_KEY_PARAMETER_MISMATCH. Keys are kept for the sandbox's lifetime,
 * longer than Shopify's (undocumented) retention window, which only makes replays safer.
 */
export class IdempotencyRegistry<T> {
  private readonly entries = new Map<string, { fingerprint: string; result: T }>();

  lookup(key: string, fingerprint: string): IdempotencyLookup<T> {
    const entry = this.entries.get(key);
    if (!entry) return { kind: 'new' };
    return entry.fingerprint === fingerprint
      ? { kind: 'replay', result: entry.result }
      : { kind: 'mismatch' };
  }

  remember(key: string, fingerprint: string, result: T): void {
    this.entries.set(key, { fingerprint, result });
  }
}

/** A stable text for a request's arguments: object keys sorted, so key order cannot matter. */
export function fingerprintOf(mutation: string, args: unknown): string {
  return `${mutation}:${canonical(args)}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonical(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
