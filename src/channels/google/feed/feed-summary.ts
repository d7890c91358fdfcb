import { localAvailabilities } from '../local-inventory-row.js';
import type { LocalAvailability } from '../local-inventory-row.js';

export type AvailabilityCounts = Record<LocalAvailability, number>;

export interface FeedSummary {
  /** Rows written to the file. */
  readonly rows: number;
  readonly perAvailability: AvailabilityCounts;
  /** By store code: rows written and how they split by availability. */
  readonly perStore: Readonly<
    Record<string, { rows: number; perAvailability: AvailabilityCounts }>
  >;
  /** Rows the validator refused; they are not in the file. */
  readonly rejected: number;
  /** The first few refusals, each naming the row's place in the input and what was wrong. */
  readonly rejections: readonly { readonly index: number; readonly message: string }[];
}

/** Counts as rows go by; memory grows with stores, not rows. */
export class FeedSummaryBuilder {
  private rows = 0;
  private rejected = 0;
  private readonly perAvailability = emptyCounts();
  private readonly perStore = new Map<
    string,
    { rows: number; perAvailability: AvailabilityCounts }
  >();
  private readonly rejections: { index: number; message: string }[] = [];

  constructor(private readonly maxRejections: number) {}

  written(storeCode: string, availability: LocalAvailability): void {
    this.rows += 1;
    this.perAvailability[availability] += 1;

    let store = this.perStore.get(storeCode);
    if (!store) {
      store = { rows: 0, perAvailability: emptyCounts() };
      this.perStore.set(storeCode, store);
    }
    store.rows += 1;
    store.perAvailability[availability] += 1;
  }

  refused(index: number, message: string): void {
    this.rejected += 1;
    if (this.rejections.length < this.maxRejections) this.rejections.push({ index, message });
  }

  summary(): FeedSummary {
    return {
      rows: this.rows,
      perAvailability: { ...this.perAvailability },
      // fromEntries defines own properties, so a store code such as `__proto__` stays a key.
      perStore: Object.fromEntries(this.perStore),
      rejected: this.rejected,
      rejections: [...this.rejections],
    };
  }
}

function emptyCounts(): AvailabilityCounts {
  return Object.fromEntries(localAvailabilities.map((a) => [a, 0])) as AvailabilityCounts;
}
