import type { SandboxItemLocation } from './netsuite-sandbox-store.js';
import type { SandboxItem, SandboxTransaction } from './sandbox-records.js';
import { formatDatetime, SuiteQlSubsetError } from './suiteql-subset.js';
import type { Condition, Literal, SubsetQuery } from './suiteql-subset.js';

type Value = number | string | Date | undefined;
type Row = Readonly<Record<string, Value>>;

/*
 * The stock tables at item × location grain, as views of the store. inventoryitemlocations has
 * no lastmodifieddate here: only lastquantityavailablechange is known to exist on it.
 */
const QUANTITY_COLUMNS = {
  item: (l: SandboxItemLocation) => Number(l.item),
  location: (l: SandboxItemLocation) => Number(l.location),
  quantityonhand: (l: SandboxItemLocation) => l.onHand,
  quantitycommitted: (l: SandboxItemLocation) => l.committed,
  quantityavailable: (l: SandboxItemLocation) => l.onHand - l.committed,
  quantityonorder: (l: SandboxItemLocation) => l.onOrder,
  quantityintransit: (l: SandboxItemLocation) => l.inTransit,
  // NetSuite leaves nulls out of the row; a zero backorder is null there.
  quantitybackordered: (l: SandboxItemLocation) =>
    l.committed > l.onHand ? l.committed - l.onHand : undefined,
  lastquantityavailablechange: (l: SandboxItemLocation) => l.lastAvailableChange,
} satisfies Record<string, (level: SandboxItemLocation) => Value>;

const TABLES: Readonly<Record<string, Record<string, (level: SandboxItemLocation) => Value>>> = {
  aggregateitemlocation: { ...QUANTITY_COLUMNS, lastmodifieddate: (l) => l.lastModified },
  inventoryitemlocations: QUANTITY_COLUMNS,
};

const ITEM_COLUMNS = {
  id: (i: SandboxItem) => Number(i.id),
  itemid: (i: SandboxItem) => i.itemid,
  externalid: (i: SandboxItem) => i.externalid,
} satisfies Record<string, (item: SandboxItem) => Value>;

const TRANSACTION_COLUMNS = {
  id: (t: SandboxTransaction) => Number(t.id),
  externalid: (t: SandboxTransaction) => t.externalId,
  type: (t: SandboxTransaction) => t.type,
  createddate: (t: SandboxTransaction) => t.createdAt,
} satisfies Record<string, (transaction: SandboxTransaction) => Value>;

/** The record tables beside the stock views: `item` and `transaction`. */
export interface SubsetRecords {
  readonly items: readonly SandboxItem[];
  readonly transactions: readonly SandboxTransaction[];
}

const NO_RECORDS: SubsetRecords = { items: [], transactions: [] };

export type ResultRow = Record<string, unknown>;

/** Runs a parsed query over the store's levels and records, written as NetSuite writes rows. */
export function runSubsetQuery(
  query: SubsetQuery,
  levels: readonly SandboxItemLocation[],
  records: SubsetRecords = NO_RECORDS,
): ResultRow[] {
  if (query.table === 'item') return runOn(query, ITEM_COLUMNS, records.items);
  if (query.table === 'transaction') return runOn(query, TRANSACTION_COLUMNS, records.transactions);
  const columns = TABLES[query.table];
  if (columns === undefined) throw new SuiteQlSubsetError(`Record '${query.table}' was not found.`);
  return runOn(query, columns, levels);
}

function runOn<T>(
  query: SubsetQuery,
  columns: Readonly<Record<string, (source: T) => Value>>,
  sources: readonly T[],
): ResultRow[] {
  const referenced = [
    ...query.select.map((item) => item.column),
    ...query.where.map((condition) => condition.column),
    ...(query.orderBy !== undefined ? [query.orderBy] : []),
  ];
  for (const column of referenced) {
    if (!(column in columns)) {
      throw new SuiteQlSubsetError(`Field '${column}' for record '${query.table}' was not found.`);
    }
  }

  const rows: Row[] = sources.map((source) =>
    Object.fromEntries(Object.entries(columns).map(([name, read]) => [name, read(source)])),
  );
  const kept = rows.filter((row) => query.where.every((condition) => holds(condition, row)));
  if (query.orderBy !== undefined) {
    const by = query.orderBy;
    kept.sort((a, b) => compare(a[by], b[by]));
  }

  return kept.map((row) => {
    const out: ResultRow = { links: [] };
    for (const item of query.select) {
      const value = row[item.column];
      if (value === undefined) continue;
      out[item.alias] = item.kind === 'to_char' ? toChar(value, item.column) : display(value);
    }
    return out;
  });
}

function holds(condition: Condition, row: Row): boolean {
  const value = row[condition.column];
  if (value === undefined) return false;

  if (condition.kind === 'in') {
    for (const listed of condition.values) {
      if (typeof listed !== typeof value) {
        throw new SuiteQlSubsetError(`Invalid comparison of ${condition.column} in an IN list.`);
      }
    }
    return (
      (typeof value === 'number' || typeof value === 'string') && condition.values.includes(value)
    );
  }

  const order = compare(value, literalValue(condition.value, condition.column, value));
  switch (condition.op) {
    case '=':
      return order === 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
  }
}

function literalValue(
  literal: Literal,
  column: string,
  against: number | string | Date,
): number | Date {
  const isDate = against instanceof Date;
  if (typeof against === 'string' || isDate !== (literal.kind === 'datetime')) {
    throw new SuiteQlSubsetError(`Invalid comparison of ${column} with a ${literal.kind} value.`);
  }
  return literal.value;
}

function compare(a: Value, b: Value): number {
  // Nulls sort last, as Oracle sorts them ascending.
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === 'string' || typeof b === 'string') return String(a).localeCompare(String(b));
  const left = a instanceof Date ? a.getTime() : a;
  const right = b instanceof Date ? b.getTime() : b;
  return left - right;
}

/** Numbers as strings; a bare date column as the account's date format (M/D/YYYY). */
function display(value: number | string | Date): string {
  if (!(value instanceof Date)) return String(value);
  return `${value.getUTCMonth() + 1}/${value.getUTCDate()}/${value.getUTCFullYear()}`;
}

function toChar(value: number | string | Date, column: string): string {
  if (!(value instanceof Date)) throw new SuiteQlSubsetError(`TO_CHAR of ${column} needs a date.`);
  return formatDatetime(value);
}
