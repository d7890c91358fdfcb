/**
 * Parses JSON text so that integers too large for a double survive as strings.
 *
 * Shopify writes ids as bare JSON numbers and they can exceed 2^53 (DESIGN, "Facts about
 * sources"); `JSON.parse` would round them silently. Node 20 has no reviver source access, so
 * integer literals of 16 or more digits are quoted before parsing. Smaller numbers stay numbers.
 */
export function parseJsonWithBigIds(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

const LONG_INTEGER_DIGITS = 16;

function quoteLongIntegers(text: string): string {
  let out = '';
  let start = 0;
  let i = 0;

  while (i < text.length) {
    const ch = text.charCodeAt(i);

    if (ch === 34 /* " */) {
      i = skipString(text, i);
      continue;
    }

    const startsNumber = ch === 45 /* - */ || (ch >= 48 && ch <= 57);
    if (!startsNumber) {
      i += 1;
      continue;
    }

    const end = scanNumber(text, i);
    const literal = text.slice(i, end);
    const digits = literal.startsWith('-') ? literal.length - 1 : literal.length;
    if (/^-?\d+$/.test(literal) && digits >= LONG_INTEGER_DIGITS) {
      out += text.slice(start, i) + '"' + literal + '"';
      start = end;
    }
    i = end;
  }

  return start === 0 ? text : out + text.slice(start);
}

function skipString(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 92 /* \ */) {
      i += 2;
      continue;
    }
    if (ch === 34) return i + 1;
    i += 1;
  }
  return i;
}

function scanNumber(text: string, from: number): number {
  let i = from + 1;
  while (i < text.length && /[0-9eE+\-.]/.test(text.charAt(i))) i += 1;
  return i;
}
