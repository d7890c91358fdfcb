/** Where each known column sits in a count file's rows. */
export interface CountColumns {
  readonly width: number;
  readonly location: number;
  readonly sku: number | null;
  readonly barcode: number | null;
  /** A column that may hold either: matched as a SKU first, then as a barcode. */
  readonly code: number | null;
  readonly countedQuantity: number;
  readonly countedAt: number;
  readonly counter: number | null;
  readonly area: number | null;
  readonly ignored: readonly string[];
}

export type CountHeader =
  { ok: true; columns: CountColumns } | { ok: false; missing: string[]; duplicated: string[] };

type ColumnName =
  'location' | 'sku' | 'barcode' | 'code' | 'counted_quantity' | 'counted_at' | 'counter' | 'area';

// Spellings seen in count exports; each maps to one column.
const ALIASES: Record<string, ColumnName> = {
  location: 'location',
  location_handle: 'location',
  store: 'location',
  sku: 'sku',
  barcode: 'barcode',
  sku_or_barcode: 'code',
  code: 'code',
  counted_quantity: 'counted_quantity',
  quantity: 'counted_quantity',
  qty: 'counted_quantity',
  counted_at: 'counted_at',
  counter: 'counter',
  area: 'area',
};

/**
 * Reads the header row. Names are matched without regard to case, spaces or hyphens; columns
 * may come in any order, and unknown ones are ignored (and reported). A file needs a location,
 * a counted quantity, a counted-at instant and at least one way to name the item.
 */
export function parseCountHeader(fields: readonly string[]): CountHeader {
  const found = new Map<ColumnName, number>();
  const duplicated: string[] = [];
  const ignored: string[] = [];

  fields.forEach((raw, index) => {
    const name = ALIASES[normalise(raw)];
    if (!name) {
      if (raw.trim() !== '') ignored.push(raw);
      return;
    }
    if (found.has(name)) duplicated.push(raw);
    else found.set(name, index);
  });

  const missing: string[] = (['location', 'counted_quantity', 'counted_at'] as const).filter(
    (n) => !found.has(n),
  );
  if (!found.has('sku') && !found.has('barcode') && !found.has('code'))
    missing.push('sku or barcode');
  if (missing.length > 0 || duplicated.length > 0) return { ok: false, missing, duplicated };

  return {
    ok: true,
    columns: {
      width: fields.length,
      location: found.get('location')!,
      sku: found.get('sku') ?? null,
      barcode: found.get('barcode') ?? null,
      code: found.get('code') ?? null,
      countedQuantity: found.get('counted_quantity')!,
      countedAt: found.get('counted_at')!,
      counter: found.get('counter') ?? null,
      area: found.get('area') ?? null,
      ignored,
    },
  };
}

function normalise(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
