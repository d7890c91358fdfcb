import { sha256Hex } from '../../shared/sha256.js';

/**
 * The fingerprint an `Idempotency-Key` is stored with: sha256 of the parsed body written as
 * JSON with its keys sorted, so the same request sent with other spacing or key order matches,
 * and any change of value does not. Stored fingerprints are compared with new ones, so the
 * text hashed must never change, byte for byte (the test pins values).
 */
export function requestFingerprint(body: unknown): string {
  return sha256Hex(canonicalJson(body));
}

/**
 * JSON with each object's keys sorted by UTF-16 code units and fields holding `undefined` left
 * out. Written as loops over the keys rather than entries filtered, sorted and mapped: it runs
 * for every hold placed. What JSON has no value for comes out as it always has: nothing for
 * `undefined` in a list, the word `undefined` for a function in a field (no API body holds one).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) text += ',';
      // An undefined entry (or a hole) is written as nothing, as `join` did.
      text += (canonicalJson(value[i]) as string | undefined) ?? '';
    }
    return `${text}]`;
  }

  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let text = '{';
    for (const key of Object.keys(record).sort()) {
      const field = record[key];
      if (field === undefined) continue;
      if (text.length > 1) text += ',';
      text += `${JSON.stringify(key)}:${canonicalJson(field)}`;
    }
    return `${text}}`;
  }

  return JSON.stringify(value);
}
