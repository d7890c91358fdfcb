import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where each scenario leaves its figures and the campaign its summary (gitignored). */
export const OUT_DIR = fileURLToPath(new URL('../.out/', import.meta.url));

/** One scenario's line of the campaign's summary table. */
export interface CampaignFigures {
  readonly scenario: string;
  readonly faultsInjected: number;
  readonly deliveries: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly mismatchedLevels: number;
  readonly badInputsTried: number;
  readonly badInputsChangedState: number;
  /** Other measured figures worth a line under the table (RSS, latency, drain time). */
  readonly notes?: readonly string[];
}

export const NO_FIGURES = {
  faultsInjected: 0,
  deliveries: 0,
  lost: 0,
  duplicated: 0,
  mismatchedLevels: 0,
  badInputsTried: 0,
  badInputsChangedState: 0,
} as const;

/**
 * Written before the scenario's assertions, so a failing scenario still shows what it measured;
 * the global teardown (campaign-summary.ts) gathers every file into the table.
 */
export function recordCampaignFigures(figures: CampaignFigures): void {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = `${figures.scenario.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`;
  writeFileSync(`${OUT_DIR}${file}`, JSON.stringify(figures, null, 2));
}
