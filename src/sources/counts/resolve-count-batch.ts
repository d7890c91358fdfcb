import type { CountCatalogue } from './count-catalogue.js';
import type { CountErrorList } from './count-error-list.js';
import type { CountRow } from './parse-count-row.js';
import type { CountLineDraft } from './count-staging.js';

/** A row whose fields passed and whose location is known; its item is looked up by batch. */
export interface PendingRow {
  readonly line: number;
  readonly row: CountRow;
  readonly locationHandle: string;
}

/** Looks the batch's items up and sums its lines per item and location. */
export async function resolveBatch(
  catalogue: CountCatalogue,
  pending: readonly PendingRow[],
  errors: CountErrorList,
): Promise<{ lines: number; drafts: CountLineDraft[] }> {
  await catalogue.prepare(pending.flatMap((p) => p.row.codes));

  const drafts = new Map<string, CountLineDraft>();
  let lines = 0;
  for (const { line, row, locationHandle } of pending) {
    const item = catalogue.resolve(row.codes);
    if (!item.ok) {
      errors.add(line, item.reason, item.detail);
      continue;
    }
    lines += 1;

    const key = `${locationHandle}\u0000${item.itemId}`;
    const earlier = drafts.get(key);
    drafts.set(
      key,
      earlier
        ? {
            ...earlier,
            lastLine: line,
            lineCount: earlier.lineCount + 1,
            countedQuantity: earlier.countedQuantity + row.countedQuantity,
            countedAt: row.countedAt > earlier.countedAt ? row.countedAt : earlier.countedAt,
          }
        : {
            locationHandle,
            itemId: item.itemId,
            firstLine: line,
            lastLine: line,
            lineCount: 1,
            countedQuantity: row.countedQuantity,
            countedAt: row.countedAt,
            counter: row.counter,
            area: row.area,
          },
    );
  }
  return { lines, drafts: [...drafts.values()] };
}
