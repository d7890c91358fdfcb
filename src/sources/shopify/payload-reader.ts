import { TrueshelfError } from '../../shared/error-catalogue.js';
import { numericId } from '../../shared/shopify-gid.js';

/**
 * Reads fields of a parsed webhook body and says exactly what was wrong and where, so a parked
 * delivery explains itself.
 */
export class PayloadReader {
  constructor(
    readonly value: Record<string, unknown>,
    private readonly path: string,
  ) {}

  static root(value: unknown, topic: string): PayloadReader {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw unusable(`${topic} body`, 'a JSON object', value);
    }
    return new PayloadReader(value as Record<string, unknown>, topic);
  }

  id(field: string): string {
    const id = this.optionalId(field);
    if (id === null) throw unusable(`${this.path}.${field}`, 'a numeric id', this.value[field]);
    return id;
  }

  optionalId(field: string): string | null {
    const raw = this.value[field];
    if (raw === null || raw === undefined) return null;
    const id = numericId(raw);
    if (id === null) throw unusable(`${this.path}.${field}`, 'a numeric id or null', raw);
    return id;
  }

  quantity(field: string): number {
    const raw = this.value[field];
    if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) {
      throw unusable(`${this.path}.${field}`, 'a whole number of units ≥ 0', raw);
    }
    return raw;
  }

  string(field: string): string | null {
    const raw = this.value[field];
    if (raw === null || raw === undefined) return null;
    if (typeof raw !== 'string') throw unusable(`${this.path}.${field}`, 'a string or null', raw);
    return raw;
  }

  /** A string the topic cannot do without: missing or null is as wrong as another type. */
  requiredString(field: string): string {
    const raw = this.value[field];
    if (typeof raw !== 'string') throw unusable(`${this.path}.${field}`, 'a string', raw);
    return raw;
  }

  /** An instant the topic cannot do without, as UTC ISO-8601 (comparable as text). */
  requiredInstant(field: string): string {
    const raw = this.requiredString(field);
    const time = Date.parse(raw);
    if (Number.isNaN(time)) throw unusable(`${this.path}.${field}`, 'an ISO-8601 instant', raw);
    return new Date(time).toISOString();
  }

  instant(field: string, fallback: string): string {
    const raw = this.string(field);
    if (raw === null) return fallback;
    const time = Date.parse(raw);
    if (Number.isNaN(time)) throw unusable(`${this.path}.${field}`, 'an ISO-8601 instant', raw);
    return new Date(time).toISOString();
  }

  object(field: string): PayloadReader | null {
    const raw = this.value[field];
    if (raw === null || raw === undefined) return null;
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      throw unusable(`${this.path}.${field}`, 'an object', raw);
    }
    return new PayloadReader(raw as Record<string, unknown>, `${this.path}.${field}`);
  }

  /** A list that must hold at least one entry: missing, null or empty is refused. */
  nonEmptyList(field: string): PayloadReader[] {
    const entries = this.list(field);
    if (entries.length === 0) {
      throw unusable(`${this.path}.${field}`, 'a non-empty array', this.value[field]);
    }
    return entries;
  }

  list(field: string): PayloadReader[] {
    const raw = this.value[field];
    if (raw === null || raw === undefined) return [];
    if (!Array.isArray(raw)) throw unusable(`${this.path}.${field}`, 'an array', raw);
    return raw.map((entry, index) => {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        throw unusable(`${this.path}.${field}[${index}]`, 'an object', entry);
      }
      return new PayloadReader(entry as Record<string, unknown>, `${this.path}.${field}[${index}]`);
    });
  }
}

function unusable(where: string, expected: string, seen: unknown): TrueshelfError {
  const shown = JSON.stringify(seen)?.slice(0, 80) ?? String(seen);
  return new TrueshelfError('invalid_request', `${where}: expected ${expected}, saw ${shown}`, {
    where,
    expected,
    seen: shown,
  });
}
