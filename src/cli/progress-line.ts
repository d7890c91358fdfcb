/** Where progress goes: a terminal (`isTTY`, `columns`) or a pipe or file. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const ERASE_TO_END_OF_LINE = '\x1b[K';

/**
 * Progress on long work, readable wherever it goes. On a terminal it is one line rewritten in
 * place: a carriage return, the text cut to the terminal's width (a wrapped line cannot be
 * rewritten), then an erase to the end of the line, so a shorter update leaves no tail of a
 * longer one. Piped or in a file, each update is a line of its own, repeats dropped.
 */
export class ProgressLine {
  private last: string | null = null;
  private open = false;

  constructor(private readonly stream: ProgressStream) {}

  update(text: string): void {
    if (text === this.last) return;
    this.last = text;

    if (this.stream.isTTY !== true) {
      this.stream.write(`${text}\n`);
      return;
    }

    const width = this.stream.columns ?? 0;
    const shown = width > 1 && text.length >= width ? text.slice(0, width - 1) : text;
    this.stream.write(`\r${shown}${ERASE_TO_END_OF_LINE}`);
    this.open = true;
  }

  /** Ends a line rewritten in place, so what is written next starts on a line of its own. */
  end(): void {
    if (this.open) this.stream.write('\n');
    this.open = false;
  }
}
