import { NetSuiteError } from './netsuite-error.js';
import type { NetSuiteTransport } from './netsuite-transport.js';

export const SUITEQL_PATH = '/services/rest/query/v1/suiteql';
/** NetSuite's largest SuiteQL page. */
export const MAX_PAGE_SIZE = 1000;
/** NetSuite returns at most this many rows for one SuiteQL query over REST. */
export const MAX_ROWS_PER_QUERY = 100_000;

/**
 * One result row, `links` removed. Column names are lower case; every value arrives as a string
 * (numbers too, booleans as "T"/"F"), and a null column is left out altogether.
 */
export type SuiteQlRow = Readonly<Record<string, string>>;

export interface SuiteQlPage {
  readonly rows: readonly SuiteQlRow[];
  readonly hasMore: boolean;
  readonly offset: number;
  readonly totalResults: number;
}

export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
  readonly where: string;
}

/** Runs SuiteQL over REST, one page per request. */
export class SuiteQlClient {
  constructor(private readonly transport: NetSuiteTransport) {}

  async page(q: string, request: PageRequest): Promise<SuiteQlPage> {
    checkPage(request);

    const response = await this.transport.send({
      method: 'POST',
      path: SUITEQL_PATH,
      query: { limit: String(request.limit), offset: String(request.offset) },
      // Without `Prefer: transient` NetSuite refuses the query.
      headers: { Prefer: 'transient' },
      body: { q },
      where: request.where,
    });
    return readEnvelope(response.body, request.where);
  }

  /**
   * Pages one query by offset. NetSuite runs the query again for each page, so rows that change
   * between pages can be skipped or repeated; use this only for data that holds still, and page
   * by key (see `ItemLocationStockReader`) for anything that moves. Refuses to pass the cap.
   */
  async *pagesByOffset(
    q: string,
    where: string,
    limit = MAX_PAGE_SIZE,
  ): AsyncGenerator<SuiteQlPage> {
    for (let offset = 0; ; offset += limit) {
      const page = await this.page(q, { limit, offset, where: `${where}, offset ${offset}` });
      yield page;
      if (!page.hasMore) return;
    }
  }
}

function checkPage(request: PageRequest): void {
  const { limit, offset } = request;
  const valid =
    Number.isInteger(limit) &&
    limit >= 1 &&
    limit <= MAX_PAGE_SIZE &&
    Number.isInteger(offset) &&
    offset >= 0 &&
    offset % limit === 0;
  if (!valid) {
    throw new RangeError(
      `SuiteQL page for ${request.where}: limit ${limit} must be 1-${MAX_PAGE_SIZE} and offset ` +
        `${offset} a non-negative multiple of it`,
    );
  }

  if (offset + limit > MAX_ROWS_PER_QUERY) {
    throw new NetSuiteError(
      'netsuite_row_cap',
      `SuiteQL page for ${request.where} would reach row ${offset + limit}, past the ` +
        `${MAX_ROWS_PER_QUERY}-row cap of one query; split the query by key`,
      { where: request.where, offset, limit },
    );
  }
}

function readEnvelope(body: unknown, where: string): SuiteQlPage {
  const envelope = isRecord(body) ? body : {};
  const items = envelope['items'];
  const hasMore = envelope['hasMore'];
  const offset = envelope['offset'];
  const totalResults = envelope['totalResults'];

  if (
    !Array.isArray(items) ||
    typeof hasMore !== 'boolean' ||
    typeof offset !== 'number' ||
    typeof totalResults !== 'number'
  ) {
    throw new NetSuiteError(
      'netsuite_bad_response',
      `SuiteQL answer to ${where} lacks items, hasMore, offset or totalResults`,
      { where, keys: Object.keys(envelope) },
    );
  }
  return { rows: items.map((item) => readRow(item, where)), hasMore, offset, totalResults };
}

function readRow(item: unknown, where: string): SuiteQlRow {
  if (!isRecord(item)) {
    throw new NetSuiteError('netsuite_bad_response', `SuiteQL row in ${where} is not an object`, {
      where,
    });
  }

  const row: Record<string, string> = {};
  for (const [column, value] of Object.entries(item)) {
    if (column === 'links' || value === null) continue;
    if (typeof value === 'object') {
      throw new NetSuiteError(
        'netsuite_bad_response',
        `SuiteQL column ${column} in ${where} holds an object, not a value`,
        { where, column },
      );
    }
    row[column] = String(value);
  }
  return row;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
