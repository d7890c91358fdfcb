import type { BufferPreviewRow } from '../engine/buffers/preview-buffers.js';
import type { RuleOutlook, RuleOutlooks } from '../engine/buffers/simulate-rule-outlook.js';

const COLUMNS = [
  ['location', 'location'],
  ['category', 'category'],
  ['levels', 'levels'],
  ['currentHeldBack', 'held back now'],
  ['proposedHeldBack', 'held back under rules'],
  ['currentBufferUnits', 'buffer now'],
  ['proposedBufferUnits', 'buffer under rules'],
  ['levelsWithoutVelocity', 'no velocity'],
] as const;

const NUMBER_KEYS = [
  'levels',
  'currentHeldBack',
  'proposedHeldBack',
  'currentBufferUnits',
  'proposedBufferUnits',
  'levelsWithoutVelocity',
] as const;

const OUTLOOK_KEYS = [
  'promisesMade',
  'promisesBroken',
  'brokenPromiseRate',
  'onlineOrders',
  'refusedWithStock',
  'refusedWithStockRate',
  'meanBufferUnits',
] as const;

/**
 * The preview as a terminal table (with a total per store), JSON or CSV; with `outlook` (from
 * `--sales`), the simulator's broken-promise and refused-with-stock rates under the current and
 * the proposed rules follow (in CSV, as a second block after a blank line).
 */
export function renderBufferPreview(
  rows: readonly BufferPreviewRow[],
  format: 'table' | 'json' | 'csv',
  context: { rulesFile: string; now: Date; outlook?: RuleOutlooks | null },
): string {
  const outlook = context.outlook ?? null;
  if (format === 'json') {
    return `${JSON.stringify(
      {
        generatedAt: context.now.toISOString(),
        rulesFile: context.rulesFile,
        rows,
        expectedBrokenPromises: outlook,
      },
      null,
      2,
    )}\n`;
  }
  if (format === 'csv') {
    const header = COLUMNS.map(([key]) => key).join(',');
    const lines = rows.map((row) => COLUMNS.map(([key]) => csvField(String(row[key]))).join(','));
    const block = outlook === null ? [] : ['', ...outlookCsv(outlook)];
    return `${[header, ...lines, ...block].join('\n')}\n`;
  }
  return outlook === null ? table(rows) : `${table(rows)}\n${outlookTable(outlook)}`;
}

function outlookCsv(outlook: RuleOutlooks): string[] {
  const line = (rules: string, figures: RuleOutlook) =>
    [rules, ...OUTLOOK_KEYS.map((key) => String(figures[key] ?? ''))].join(',');
  return [
    ['rules', ...OUTLOOK_KEYS].join(','),
    line('current', outlook.current),
    line('proposed', outlook.proposed),
  ];
}

function outlookTable(outlook: RuleOutlooks): string {
  const line = (label: string, figures: RuleOutlook) =>
    `  ${label.padEnd(9)} broken promises ${rate(figures.brokenPromiseRate)} ` +
    `(${figures.promisesBroken} of ${figures.promisesMade}), refused with stock ` +
    `${rate(figures.refusedWithStockRate)} (${figures.refusedWithStock} of ` +
    `${figures.onlineOrders} online orders), mean buffer ${figures.meanBufferUnits} units\n`;
  return (
    `simulated over ${outlook.days} days of ${outlook.sales} ` +
    `(${outlook.stores.length} stores, seed ${outlook.seed}):\n` +
    line('current', outlook.current) +
    line('proposed', outlook.proposed)
  );
}

function rate(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(2)}%`;
}

function table(rows: readonly BufferPreviewRow[]): string {
  const body: string[][] = [];
  let location: string | null = null;
  let total: number[] = [];
  const flush = () => {
    if (location === null) return;
    body.push([location, '(all)', ...total.map(String)]);
  };
  for (const row of rows) {
    if (row.location !== location) {
      flush();
      location = row.location;
      total = [0, 0, 0, 0, 0, 0];
    }
    const numbers = NUMBER_KEYS.map((key) => row[key]);
    numbers.forEach((value, index) => (total[index]! += value));
    body.push([row.location, row.category, ...numbers.map(String)]);
  }
  flush();
  if (body.length === 0) return 'no levels to preview\n';

  const headings = COLUMNS.map(([, label]) => label);
  const widths = headings.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]!.length)));
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  return `${[render(headings), ...body.map(render)].join('\n')}\n`;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
