import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { GoogleChannelError } from '../google-channel-error.js';
import type { LocalInventoryRow, Money } from '../local-inventory-row.js';
import { moneyFromDecimal } from '../money.js';
import { feedColumns } from './feed-columns.js';
import type { FeedColumn } from './feed-columns.js';
import { availabilityFromFeed, pickupMethodFromFeed, pickupSlaFromFeed } from './feed-values.js';

/**
 * One line of a local inventory TSV file. A file carries no language or feed label (those come
 * from the feed's settings in Merchant Center), and real feeds leave quantity blank.
 */
export type LocalInventoryFeedRecord = Omit<
  LocalInventoryRow,
  'contentLanguage' | 'feedLabel' | 'quantity'
> & { readonly quantity?: number; readonly line: number };

/** Reads a TSV feed line by line; a line that cannot be read is a fault naming its number. */
export async function* readLocalInventoryTsv(
  input: Readable,
): AsyncGenerator<LocalInventoryFeedRecord> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: (FeedColumn | null)[] | null = null;
  let lineNumber = 0;

  for await (const raw of lines) {
    lineNumber += 1;
    const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;

    const cells = line.split('\t');
    if (header === null) {
      header = readHeader(cells, lineNumber);
      continue;
    }
    yield readRecord(header, cells, lineNumber);
  }
}

function readHeader(cells: string[], line: number): (FeedColumn | null)[] {
  // Columns we do not know (a custom label, say) are carried past, not refused.
  const header = cells.map((cell) => {
    const name = cell.trim().toLowerCase();
    return (feedColumns as readonly string[]).includes(name) ? (name as FeedColumn) : null;
  });
  for (const required of ['id', 'store_code', 'availability'] as const) {
    if (!header.includes(required)) unreadable(line, `the header has no ${required} column`);
  }
  return header;
}

function readRecord(
  header: (FeedColumn | null)[],
  cells: string[],
  line: number,
): LocalInventoryFeedRecord {
  const cell = (column: FeedColumn): string => {
    const at = header.indexOf(column);
    return at < 0 ? '' : (cells[at] ?? '').trim();
  };

  const availability = availabilityFromFeed(cell('availability'));
  if (availability === null) unreadable(line, `availability '${cell('availability')}' is unknown`);

  const record: Record<string, unknown> = {
    line,
    offerId: cell('id'),
    storeCode: cell('store_code'),
    availability,
  };
  const quantity = cell('quantity');
  if (quantity !== '') {
    if (!/^\d+$/.test(quantity)) unreadable(line, `quantity '${quantity}' is not a whole number`);
    record['quantity'] = Number(quantity);
  }
  optional(record, 'price', cell('price'), (text) => price(text, line));
  optional(record, 'salePrice', cell('sale_price'), (text) => price(text, line));
  optional(
    record,
    'pickupMethod',
    cell('pickup_method'),
    (text) => pickupMethodFromFeed(text) ?? unreadable(line, `pickup_method '${text}' is unknown`),
  );
  optional(
    record,
    'pickupSla',
    cell('pickup_sla'),
    (text) => pickupSlaFromFeed(text) ?? unreadable(line, `pickup_sla '${text}' is unknown`),
  );
  optional(record, 'instoreProductLocation', cell('instore_product_location'), (text) => text);
  return record as unknown as LocalInventoryFeedRecord;
}

function optional(
  record: Record<string, unknown>,
  key: string,
  text: string,
  read: (text: string) => unknown,
): void {
  if (text !== '') record[key] = read(text);
}

function price(text: string, line: number): Money {
  const match = /^(\S+)\s+([A-Za-z]{3})$/.exec(text);
  const money = match ? moneyFromDecimal(match[1] ?? '', (match[2] ?? '').toUpperCase()) : null;
  return money ?? unreadable(line, `price '${text}' is not like '28.00 USD'`);
}

function unreadable(line: number, what: string): never {
  throw new GoogleChannelError('google_feed_unreadable', `feed line ${line}: ${what}`, { line });
}
