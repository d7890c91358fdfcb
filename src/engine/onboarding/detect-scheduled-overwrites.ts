import type { Storage } from '../../storage/storage.js';

export interface OverwriteOptions {
  now: Date;
  lookbackDays?: number;
  /** A run is corrections this close together (a connector writes a batch over a minute or two). */
  clusterMs?: number;
  /** Distinct items a run must touch to count as a bulk overwrite. */
  minItemsPerRun?: number;
  /** Gaps needed within `tolerance` of their median. */
  minRegularGaps?: number;
  tolerance?: number;
}

export type OverwriteFinding =
  | { suspected: false; runs: number }
  | {
      suspected: true;
      runs: number;
      medianGapMinutes: number;
      regularGaps: number;
      itemsPerRun: number;
      lastRunAt: string;
      message: string;
    };

interface Run {
  at: number;
  items: Set<string>;
}

/**
 * Looks for the mark an ERP connector leaves when it still writes stock on a schedule: absolute
 * corrections from outside trueshelf (ledger cause `adjusted`) landing across many items at once,
 * at near-constant intervals. Sales and receipts are matched to other causes, so they do not count.
 */
export async function detectScheduledOverwrites(
  storage: Storage,
  location: string,
  options: OverwriteOptions,
): Promise<OverwriteFinding> {
  const since = new Date(
    options.now.getTime() - (options.lookbackDays ?? 7) * 86_400_000,
  ).toISOString();
  const rows = await storage.db
    .selectFrom('movements')
    .select(['item_id', 'occurred_at'])
    .where('location_handle', '=', location)
    .where('cause_kind', '=', 'adjusted')
    .where('source', '!=', 'trueshelf')
    .where('occurred_at', '>=', since)
    .orderBy('occurred_at')
    .execute();

  const runs = clusterRuns(rows, options.clusterMs ?? 120_000).filter(
    (run) => run.items.size >= (options.minItemsPerRun ?? 5),
  );
  if (runs.length < 2) return { suspected: false, runs: runs.length };

  const gaps = runs.slice(1).map((run, index) => run.at - (runs[index]?.at ?? run.at));
  const median = medianOf(gaps);
  const tolerance = options.tolerance ?? 0.1;
  const regular = gaps.filter((gap) => Math.abs(gap - median) <= tolerance * median).length;
  if (median <= 0 || regular < (options.minRegularGaps ?? 3))
    return { suspected: false, runs: runs.length };

  const minutes = Math.round(median / 60_000);
  const itemsPerRun = Math.round(runs.reduce((sum, run) => sum + run.items.size, 0) / runs.length);
  const lastRunAt = new Date(runs.at(-1)?.at ?? 0).toISOString();
  return {
    suspected: true,
    runs: runs.length,
    medianGapMinutes: minutes,
    regularGaps: regular,
    itemsPerRun,
    lastRunAt,
    message:
      `location "${location}": another app overwrote stock about every ${minutes} min across ` +
      `~${itemsPerRun} items (${runs.length} runs, last ${lastRunAt}). This looks like an ERP ` +
      `connector's scheduled inventory sync: switch off the inventory sync to Shopify for this ` +
      `location (Celigo: the "NetSuite Inventory to Shopify" flow; NetSuite Connector / FarApp: ` +
      `inventory sync) before trueshelf publishes there.`,
  };
}

function clusterRuns(
  rows: readonly { item_id: string; occurred_at: string }[],
  clusterMs: number,
): Run[] {
  const runs: Run[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    const at = Date.parse(row.occurred_at);
    const current = runs.at(-1);
    if (current && at - last <= clusterMs) current.items.add(row.item_id);
    else runs.push({ at, items: new Set([row.item_id]) });
    last = at;
  }
  return runs;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
