import type { CountCatalogue } from './count-catalogue.js';
import type { CountErrorList } from './count-error-list.js';
import type { CheckedCountRow, ItemCode } from './parse-count-row.js';

type CodeKind = ItemCode['by'];

/**
 * The lines of one batch of a count file, held column by column until their items are looked
 * up, then merged per item and location in place: what `CountStaging.add` writes.
 *
 * Why columns: a million-line file passes a million rows through here, and V8 may decide, from
 * one unlucky collection early in the file, that an object literal's objects live long and
 * allocate every later one straight in the old generation (allocation-site pretenuring). Had
 * rows been objects, every row would then be garbage there until a full collection (seen: heap
 * in use 52 → 175 MB, the import's peak resident set 60-100 MB higher). The columns are
 * allocated once and rewritten for every batch, and the reading path allocates no object per
 * well-formed line (`splitCsvLineInto`, `checkCountRow`, `CountCatalogue.resolve`): strings
 * only, which V8 never pretenures by allocation site.
 */
export class CountBatch {
  /** Lines held; after `resolve`, one per item and location. */
  size = 0;
  readonly firstLine: number[];
  readonly lastLine: number[];
  readonly lineCount: number[];
  readonly locationHandle: string[];
  readonly itemId: string[];
  readonly countedQuantity: number[];
  readonly countedAt: string[];
  readonly counter: (string | null)[];
  readonly area: (string | null)[];
  // The first code names the item; a second must agree with it (a third is never read).
  private readonly primaryBy: CodeKind[];
  private readonly primaryValue: string[];
  private readonly secondBy: (CodeKind | null)[];
  private readonly secondValue: string[];
  // Where each item and location went in this batch, per location: handles and item ids are
  // the catalogue's own strings, so both look-ups reuse their cached hashes.
  private readonly merged = new Map<string, Map<string, number>>();

  constructor(readonly capacity: number) {
    this.firstLine = new Array<number>(capacity).fill(0);
    this.lastLine = new Array<number>(capacity).fill(0);
    this.lineCount = new Array<number>(capacity).fill(0);
    this.locationHandle = new Array<string>(capacity).fill('');
    this.itemId = new Array<string>(capacity).fill('');
    this.countedQuantity = new Array<number>(capacity).fill(0);
    this.countedAt = new Array<string>(capacity).fill('');
    this.counter = new Array<string | null>(capacity).fill(null);
    this.area = new Array<string | null>(capacity).fill(null);
    this.primaryBy = new Array<CodeKind>(capacity).fill('sku');
    this.primaryValue = new Array<string>(capacity).fill('');
    this.secondBy = new Array<CodeKind | null>(capacity).fill(null);
    this.secondValue = new Array<string>(capacity).fill('');
  }

  get full(): boolean {
    return this.size >= this.capacity;
  }

  /** Holds a line whose fields passed (`checkCountRow`) and whose location is known. */
  add(line: number, row: CheckedCountRow, locationHandle: string): void {
    const at = this.size;
    this.firstLine[at] = line;
    this.lastLine[at] = line;
    this.lineCount[at] = 1;
    this.locationHandle[at] = locationHandle;
    this.countedQuantity[at] = row.countedQuantity;
    this.countedAt[at] = row.countedAt;
    this.counter[at] = row.counter;
    this.area[at] = row.area;
    // checkCountRow passes a row with at least one code.
    this.primaryBy[at] = row.codeBy[0]!;
    this.primaryValue[at] = row.codeValue[0]!;
    this.secondBy[at] = row.codeCount > 1 ? row.codeBy[1]! : null;
    this.secondValue[at] = row.codeCount > 1 ? row.codeValue[1]! : '';
    this.size = at + 1;
  }

  /** Every code the batch names, for `CountCatalogue.prepare`. */
  forEachCode(visit: (by: CodeKind, value: string) => void): void {
    for (let at = 0; at < this.size; at += 1) {
      visit(this.primaryBy[at]!, this.primaryValue[at]!);
      const second = this.secondBy[at];
      if (second) visit(second, this.secondValue[at]!);
    }
  }

  /**
   * Looks each line's item up (the catalogue must have been prepared with this batch), reports
   * the lines whose item is not found, and merges the lines of one item at one location, in
   * file order: quantities add up, the count stands at the latest of their instants, and the
   * counter and area stay those of the first line. Returns the number of good lines.
   */
  resolve(catalogue: CountCatalogue, errors: CountErrorList): number {
    for (const items of this.merged.values()) items.clear();

    let kept = 0;
    let good = 0;
    for (let at = 0; at < this.size; at += 1) {
      const item = catalogue.resolve(
        this.primaryBy[at]!,
        this.primaryValue[at]!,
        this.secondBy[at] ?? null,
        this.secondValue[at]!,
      );
      if (typeof item !== 'string') {
        errors.add(this.firstLine[at]!, item.reason, item.detail);
        continue;
      }
      good += 1;

      const location = this.locationHandle[at]!;
      let items = this.merged.get(location);
      if (!items) {
        items = new Map();
        this.merged.set(location, items);
      }
      const earlier = items.get(item);
      if (earlier === undefined) {
        items.set(item, kept);
        this.moveLine(at, kept);
        this.itemId[kept] = item;
        kept += 1;
        continue;
      }
      this.lastLine[earlier] = this.firstLine[at]!;
      this.lineCount[earlier] = this.lineCount[earlier]! + 1;
      this.countedQuantity[earlier] = this.countedQuantity[earlier]! + this.countedQuantity[at]!;
      if (this.countedAt[at]! > this.countedAt[earlier]!)
        this.countedAt[earlier] = this.countedAt[at]!;
    }
    this.size = kept;
    return good;
  }

  /** Empties the batch for the next lines. */
  clear(): void {
    this.size = 0;
  }

  // `to` is never after `from`, so lines move down in place and none is overwritten unread.
  private moveLine(from: number, to: number): void {
    if (from === to) return;
    this.firstLine[to] = this.firstLine[from]!;
    this.lastLine[to] = this.lastLine[from]!;
    this.lineCount[to] = this.lineCount[from]!;
    this.locationHandle[to] = this.locationHandle[from]!;
    this.countedQuantity[to] = this.countedQuantity[from]!;
    this.countedAt[to] = this.countedAt[from]!;
    this.counter[to] = this.counter[from]!;
    this.area[to] = this.area[from]!;
  }
}
