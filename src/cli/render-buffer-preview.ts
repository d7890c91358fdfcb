import type { BufferPreviewRow } from '../engine/buffers/preview-buffers.js';

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

/**
 * The preview as a terminal table (with a total per store), JSON or CSV. Expected broken
 * promises are not in it yet: see the TODO.
 */
export function renderBufferPreview(
  rows: readonly BufferPreviewRow[],
  format: 'table' | 'json' | 'csv',
  context: { rulesFile: string; now: Date },
): string {
  // TODO(sim not wired to stored chains): expected broken promises need the simulator to run
  // the previewed rules over this chain's own sales and stock; src/sim replays a synthetic
  // chain from a sales matrix file, and feeding it the stored levels is a task of its own.
  if (format === 'json') {
    return `${JSON.stringify(
      {
        generatedAt: context.now.toISOString(),
        rulesFile: context.rulesFile,
        rows,
        expectedBrokenPromises: null,
      },
      null,
      2,
    )}\n`;
  }
  if (format === 'csv') {
    const header = COLUMNS.map(([key]) => key).join(',');
    const lines = rows.map((row) => COLUMNS.map(([key]) => csvField(String(row[key]))).join(','));
    return `${[header, ...lines].join('\n')}\n`;
  }
  return table(rows);
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
