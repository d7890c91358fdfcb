import * as crypto from 'node:crypto';

/** `crypto.hash` came with Node 20.12; `package.json` allows any Node 20. */
const oneShotHash = (crypto as { hash?: typeof crypto.hash }).hash;

/**
 * sha256 of a text's UTF-8 bytes, in one call where Node can (about half the cost of a `Hash`
 * object, which counts on every request's token and every hold's fingerprint), through a
 * `Hash` object where it cannot.
 */
export const sha256: (text: string) => Buffer =
  oneShotHash !== undefined
    ? (text) => oneShotHash('sha256', text, 'buffer')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest();

/** `sha256` in lower-case hex. */
export const sha256Hex: (text: string) => string =
  oneShotHash !== undefined
    ? (text) => oneShotHash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
