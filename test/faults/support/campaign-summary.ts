import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { OUT_DIR } from './campaign-figures.js';
import type { CampaignFigures } from './campaign-figures.js';

const COLUMNS: readonly [keyof CampaignFigures, string][] = [
  ['faultsInjected', 'faults injected'],
  ['deliveries', 'deliveries'],
  ['lost', 'lost'],
  ['duplicated', 'duplicated'],
  ['mismatchedLevels', 'mismatched levels'],
  ['badInputsTried', 'bad inputs tried'],
  ['badInputsChangedState', 'bad inputs that changed state'],
];

/** Vitest global setup of `npm run test:faults`: clears old figures, then tabulates the new. */
export function setup(): () => void {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const startedAt = Date.now();
  return () => writeSummary(startedAt);
}

function writeSummary(startedAt: number): void {
  const figures = readdirSync(OUT_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(`${OUT_DIR}${file}`, 'utf8')) as CampaignFigures);
  if (figures.length === 0) return;

  const summary = renderSummary(figures, (Date.now() - startedAt) / 1000);
  writeFileSync(`${OUT_DIR}summary.md`, summary);
  console.log(`\n${summary}\n(written to ${OUT_DIR}summary.md)`);
}

export function renderSummary(figures: readonly CampaignFigures[], seconds: number): string {
  const header = `| scenario | ${COLUMNS.map(([, title]) => title).join(' | ')} |`;
  const rule = `| --- | ${COLUMNS.map(() => '---:').join(' | ')} |`;
  const rows = figures.map(
    (f) => `| ${f.scenario} | ${COLUMNS.map(([key]) => String(f[key])).join(' | ')} |`,
  );
  const total = (key: keyof CampaignFigures) =>
    figures.reduce((sum, f) => sum + (typeof f[key] === 'number' ? (f[key] as number) : 0), 0);
  const totals = `| **all** | ${COLUMNS.map(([key]) => `**${total(key)}**`).join(' | ')} |`;
  const notes = figures.flatMap((f) => (f.notes ?? []).map((note) => `- ${f.scenario}: ${note}`));

  const cpu = cpus();
  const machine =
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
    `${process.env['TRUESHELF_TEST_ENGINE'] === 'postgres' ? 'PostgreSQL' : 'SQLite'}`;
  return [
    `Fault campaign of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
      `${seconds.toFixed(0)} s on ${machine}.`,
    '',
    header,
    rule,
    ...rows,
    totals,
    '',
    ...notes,
  ].join('\n');
}
