import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { TrueshelfError } from '../shared/error-catalogue.js';

/** One store × item × day of unit sales. */
export interface DailySales {
  store: string;
  sku: string;
  category: string | null;
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  units: number;
}

/** M5's day 1 is 2011-01-29 (its calendar file); `d_N` is that date plus N − 1 days. */
const M5_DAY_ONE = Date.UTC(2011, 0, 29);

/**
 * Streams a sales file: the M5 wide format (`item_id, dept_id, cat_id, store_id, state_id,
 * d_1 …`, with or without a leading `id`), or the generic long format (`date, store, sku,
 * units`). Each bad line is an error naming the line, the column and what was expected.
 */
export async function* readSalesFile(path: string): AsyncGenerator<DailySales> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let header: string[] | null = null;
  let lineNumber = 0;

  for await (const raw of lines) {
    lineNumber += 1;
    if (raw.trim() === '') continue;
    const cells = splitCsv(raw);
    if (!header) {
      header = cells.map((c) => c.toLowerCase());
      continue;
    }
    if (cells.length !== header.length) {
      throw new TrueshelfError(
        'invalid_request',
        `${path}:${lineNumber}: expected ${header.length} columns, saw ${cells.length}`,
        { line: lineNumber },
      );
    }
    yield* header.includes('store_id')
      ? wideRows(header, cells, path, lineNumber)
      : longRows(header, cells, path, lineNumber);
  }
}

function* wideRows(
  header: string[],
  cells: string[],
  path: string,
  line: number,
): Generator<DailySales> {
  const get = (name: string) => cells[header.indexOf(name)] ?? '';
  const store = get('store_id');
  const sku = get('item_id');
  const category = get('cat_id') || null;

  for (let i = 0; i < header.length; i += 1) {
    const column = header[i] ?? '';
    const match = /^d_(\d+)$/.exec(column);
    if (!match) continue;
    const units = Number(cells[i]);
    if (!Number.isInteger(units) || units < 0) {
      throw new TrueshelfError(
        'invalid_request',
        `${path}:${line}: column ${column} must be a whole number ≥ 0, saw "${cells[i]}"`,
        { line, column },
      );
    }
    if (units === 0) continue;
    const day = new Date(M5_DAY_ONE + (Number(match[1]) - 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    yield { store, sku, category, day, units };
  }
}

function* longRows(
  header: string[],
  cells: string[],
  path: string,
  line: number,
): Generator<DailySales> {
  const get = (name: string) => cells[header.indexOf(name)] ?? '';
  for (const required of ['date', 'store', 'sku', 'units']) {
    if (!header.includes(required)) {
      throw new TrueshelfError(
        'invalid_request',
        `${path}: header needs "${required}" (generic format: date,store,sku,units[,category])`,
        { column: required },
      );
    }
  }
  const day = get('date');
  const units = Number(get('units'));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    throw new TrueshelfError(
      'invalid_request',
      `${path}:${line}: date must be YYYY-MM-DD, saw "${day}"`,
      { line, column: 'date' },
    );
  }
  if (!Number.isInteger(units) || units < 0) {
    throw new TrueshelfError(
      'invalid_request',
      `${path}:${line}: units must be a whole number ≥ 0, saw "${get('units')}"`,
      { line, column: 'units' },
    );
  }
  if (units > 0)
    yield { store: get('store'), sku: get('sku'), category: get('category') || null, day, units };
}

/** Splits one CSV line with RFC 4180 quoting (no embedded newlines in these files). */
export function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
