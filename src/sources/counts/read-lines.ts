import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { TrueshelfError } from '../../shared/error-catalogue.js';

/**
 * Where a count file comes from: a byte or text stream (a file, an HTTP body), lines already
 * split (sync or async), or the whole text of a small file.
 */
export type CountSource = Readable | AsyncIterable<string> | Iterable<string>;

/**
 * The lines of a source, one at a time, without their terminators (`\n` or `\r\n`), and without
 * a leading byte-order mark. A Readable is split here, so memory stays at one chunk plus one
 * line whatever the file's size. An async iterable of strings is taken to yield lines; one that
 * holds several lines (a whole small file, say) is split as well.
 */
export async function* readLines(source: CountSource): AsyncGenerator<string> {
  let first = true;
  const strip = (line: string) => {
    if (!first) return line;
    first = false;
    return line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  };

  if (source instanceof Readable) {
    for await (const line of splitStream(source)) yield strip(line);
    return;
  }
  // A string is iterable too, by character; here it is the text of a whole file.
  const entries = typeof source === 'string' ? [source] : source;

  for await (const entry of entries) {
    if (!entry.includes('\n')) {
      yield strip(trimCr(entry));
      continue;
    }
    const parts = entry.split('\n');
    if (parts.at(-1) === '') parts.pop();
    for (const part of parts) yield strip(trimCr(part));
  }
}

const MAX_LINE_CHARS = 65_536;

async function* splitStream(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';

  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      yield trimCr(text.slice(from, newline));
      from = newline + 1;
    }
    rest = text.slice(from);
    // A count line is short; megabytes without a newline mean this is not a count CSV, and
    // holding them would break the constant-memory promise.
    if (rest.length > MAX_LINE_CHARS) {
      throw new TrueshelfError(
        'invalid_request',
        `a line is longer than ${MAX_LINE_CHARS} characters; expected a count CSV`,
        {
          maxLineChars: MAX_LINE_CHARS,
        },
      );
    }
  }

  rest += decoder.end();
  if (rest !== '') yield trimCr(rest);
}

function trimCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
