import type { CountLineError, CountLineErrorReason } from './count-line-error.js';

/**
 * The refused lines of one import: every one is counted, the first `limit` are kept, so a file
 * of a million bad lines still reports in bounded memory.
 */
export class CountErrorList {
  private readonly kept: CountLineError[] = [];
  private seen = 0;

  constructor(private readonly limit: number) {}

  add(line: number, reason: CountLineErrorReason, detail: string): void {
    this.seen += 1;
    if (this.kept.length < this.limit) this.kept.push({ line, reason, detail });
  }

  get total(): number {
    return this.seen;
  }

  get truncated(): boolean {
    return this.seen > this.kept.length;
  }

  /** In line order (lookups finish a batch later than field checks). */
  list(): CountLineError[] {
    return [...this.kept].sort((a, b) => a.line - b.line);
  }
}
