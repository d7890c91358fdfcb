import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { GoogleChannelError } from '../google-channel-error.js';
import type { LocalInventoryRow } from '../local-inventory-row.js';
import { validateLocalInventoryRow } from '../validate-local-inventory-row.js';
import { columnsUsed, feedColumns, feedValues } from './feed-columns.js';
import type { FeedColumn } from './feed-columns.js';
import { tsvFeedFormat, xmlFeedFormat } from './feed-format.js';
import type { FeedChannelInfo, FeedFormat } from './feed-format.js';
import { FeedSummaryBuilder } from './feed-summary.js';
import type { FeedSummary } from './feed-summary.js';

export interface WriteFeedOptions {
  readonly format: 'tsv' | 'xml';
  /**
   * The columns to write. Left out, they are the required four plus any optional column filled
   * by one of the first `lookaheadRows` rows; a later row that fills another column is a fault,
   * so a caller that knows (store prices or pickup configured) should say so here.
   */
  readonly columns?: readonly FeedColumn[];
  readonly lookaheadRows?: number;
  /** The XML `<channel>` header. */
  readonly channel?: FeedChannelInfo;
  /** End `out` when done (default true); false for a stream that is not ours, like stdout. */
  readonly end?: boolean;
  readonly maxRejections?: number;
}

const CHUNK_CHARS = 64 * 1024;

/**
 * Streams the full local inventory feed: rows are pulled one at a time and written in chunks
 * that wait for `drain`, so memory stays flat however many rows there are. Rows the validator
 * refuses are left out and counted, so one bad row cannot cost the whole store its feed.
 */
export async function writeLocalInventoryFeed(
  rows: AsyncIterable<LocalInventoryRow> | Iterable<LocalInventoryRow>,
  out: Writable,
  options: WriteFeedOptions,
): Promise<FeedSummary> {
  const summary = new FeedSummaryBuilder(options.maxRejections ?? 100);
  const format: FeedFormat =
    options.format === 'xml' ? xmlFeedFormat(options.channel ?? defaultChannel) : tsvFeedFormat;
  const sink = new ChunkedSink(out);
  const iterator = toAsyncIterator(rows);

  const { columns, lookahead } = await planColumns(iterator, options);
  if (sink.add(format.opening(columns))) await sink.flush();

  let index = 0;
  // Synchronous, so a row costs no promise; the loop awaits only when a chunk is full.
  const writeRow = (row: LocalInventoryRow): boolean => {
    const at = index++;
    const validation = validateLocalInventoryRow(row);
    if (!validation.ok) {
      summary.refused(at, validation.message);
      return false;
    }

    const values = feedValues(row);
    assertDeclared(values, columns, at);
    summary.written(row.storeCode, row.availability);
    return sink.add(format.row(values, columns));
  };

  for (const row of lookahead) if (writeRow(row)) await sink.flush();
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    if (writeRow(next.value)) await sink.flush();
  }

  sink.add(format.closing());
  await sink.flush();
  if (options.end ?? true) {
    out.end();
    await finished(out);
  }
  return summary.summary();
}

async function planColumns(
  iterator: AsyncIterator<LocalInventoryRow>,
  options: WriteFeedOptions,
): Promise<{ columns: readonly FeedColumn[]; lookahead: LocalInventoryRow[] }> {
  // XML writes only the fields each item has, so every column is open to it.
  if (options.format === 'xml') return { columns: feedColumns, lookahead: [] };
  if (options.columns) return { columns: columnsUsed(new Set(options.columns)), lookahead: [] };

  const lookahead: LocalInventoryRow[] = [];
  const used = new Set<FeedColumn>();
  const limit = options.lookaheadRows ?? 1000;
  while (lookahead.length < limit) {
    const next = await iterator.next();
    if (next.done) break;
    lookahead.push(next.value);
    for (const column of Object.keys(feedValues(next.value)) as FeedColumn[]) used.add(column);
  }
  return { columns: columnsUsed(used), lookahead };
}

function assertDeclared(
  values: Partial<Record<FeedColumn, string>>,
  columns: readonly FeedColumn[],
  index: number,
): void {
  const extra = (Object.keys(values) as FeedColumn[]).filter((c) => !columns.includes(c));
  if (extra.length === 0) return;
  throw new GoogleChannelError(
    'google_feed_column_undeclared',
    `feed row ${index} fills ${extra.join(', ')}, but the header has only ${columns.join(', ')}; ` +
      'pass the columns the configuration uses in `columns`',
    { index, extra, columns },
  );
}

/**
 * Gathers small writes into chunks and honours the stream's backpressure: a chunk goes out only
 * once the stream has drained the one before, so at most one chunk waits in its buffer.
 */
class ChunkedSink {
  private pending = '';

  constructor(private readonly out: Writable) {}

  /** Adds text to the chunk; true when the chunk is full and should be flushed. */
  add(text: string): boolean {
    this.pending += text;
    return this.pending.length >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.pending === '') return;
    const chunk = this.pending;
    this.pending = '';
    if (!this.out.write(chunk)) await drained(this.out);
  }
}

/** Waits for 'drain'; a stream that errors or closes first would otherwise leave us hanging. */
async function drained(out: Writable): Promise<void> {
  const controller = new AbortController();
  const closed = once(out, 'close', { signal: controller.signal }).then(() => {
    throw new Error('the feed output closed before it drained');
  });
  try {
    // `once` rejects when the stream emits 'error' while we wait.
    await Promise.race([once(out, 'drain', { signal: controller.signal }), closed]);
  } finally {
    controller.abort();
    closed.catch(() => undefined);
  }
}

function toAsyncIterator<T>(rows: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in rows) return rows[Symbol.asyncIterator]();
  const sync = rows[Symbol.iterator]();
  return { next: async () => sync.next() };
}

const defaultChannel: FeedChannelInfo = {
  title: 'Local inventory',
  link: 'https://example.invalid/',
  description: 'Local product inventory written by trueshelf',
};
