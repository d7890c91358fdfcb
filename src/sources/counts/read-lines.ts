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
  for await (const lines of readLineChunks(source)) yield* lines;
}

/**
 * The same lines, a chunk of them at a time: one await per chunk of the source rather than one
 * per line, which on a million-line file is most of what reading costs.
 */
export async function* readLineChunks(source: CountSource): AsyncGenerator<string[]> {
  let first = true;
  const strip = (lines: string[]) => {
    if (first && lines.length > 0) {
      first = false;
      if (lines[0]!.charCodeAt(0) === 0xfeff) lines[0] = lines[0]!.slice(1);
    }
    return lines;
  };

  if (source instanceof Readable) {
    for await (const lines of splitStream(source)) yield strip(lines);
    return;
  }
  // A string is iterable too, by character; here it is the text of a whole file.
  const entries = typeof source === 'string' ? [source] : source;

  let lines: string[] = [];
  for await (const entry of entries) {
    if (!entry.includes('\n')) lines.push(trimCr(entry));
    else {
      const parts = entry.split('\n');
      if (parts.at(-1) === '') parts.pop();
      for (const part of parts) lines.push(trimCr(part));
    }
    if (lines.length >= LINES_PER_CHUNK) {
      yield strip(lines);
      lines = [];
    }
  }
  if (lines.length > 0) yield strip(lines);
}

const MAX_LINE_CHARS = 65_536;
// For sources that give lines one by one: about what a 64 KiB read of a count file holds.
const LINES_PER_CHUNK = 1000;

async function* splitStream(stream: Readable): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';

  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    const lines: string[] = [];
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      lines.push(trimCr(text.slice(from, newline)));
      from = newline + 1;
    }
    rest = text.slice(from);
    if (lines.length > 0) yield lines;
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
  if (rest !== '') yield [trimCr(rest)];
}

function trimCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
