import type { NetSuiteSandboxStore } from './netsuite-sandbox-store.js';
import { netSuiteErrorBody } from './error-body.js';
import type { SandboxErrorDetail } from './error-body.js';
import { json } from './sandbox-answer.js';
import type { SandboxAnswer } from './sandbox-answer.js';
import { runSubsetQuery } from './suiteql-executor.js';
import { parseSuiteQl, SuiteQlSubsetError } from './suiteql-subset.js';
import type { SubsetQuery } from './suiteql-subset.js';

export const SUITEQL_PATH = '/services/rest/query/v1/suiteql';
const MAX_LIMIT = 1000;

export interface SuiteQlRouteContext {
  readonly store: NetSuiteSandboxStore;
  readonly url: URL;
  readonly prefer: string | undefined;
  readonly body: unknown;
  readonly maxRowsPerQuery: number;
}

/**
 * `POST /services/rest/query/v1/suiteql?limit=&offset=`. The whole query runs again for every
 * page, as NetSuite's does, so a change between pages shows in the next one.
 */
export function answerSuiteQl(context: SuiteQlRouteContext): SandboxAnswer {
  const { url } = context;
  if (context.prefer?.trim().toLowerCase() !== 'transient') {
    return invalid({
      detail: "The 'Prefer' header must be 'transient'.",
      code: 'INVALID_HEADER',
      at: { header: 'Prefer' },
    });
  }

  const limit = integerParam(url, 'limit', MAX_LIMIT);
  const offset = integerParam(url, 'offset', 0);
  if (limit === undefined || limit < 1 || limit > MAX_LIMIT) {
    return invalid(param('limit', `The limit must be between 1 and ${MAX_LIMIT}.`));
  }
  if (offset === undefined || offset % limit !== 0) {
    return invalid(param('offset', 'The offset must be a non-negative multiple of the limit.'));
  }
  if (offset >= context.maxRowsPerQuery) {
    return invalid(param('offset', `A query returns at most ${context.maxRowsPerQuery} rows.`));
  }

  const q = (context.body as { q?: unknown } | undefined)?.q;
  if (typeof q !== 'string')
    return invalid(param('q', 'The request body must be {"q": "<query>"}.'));

  let query: SubsetQuery;
  let rows: Array<Record<string, unknown>>;
  try {
    query = parseSuiteQl(q);
    const records = {
      items: [...context.store.records.items.values()],
      transactions: context.store.records.transactions,
    };
    rows = runSubsetQuery(query, context.store.itemLocations(), records).slice(
      0,
      context.maxRowsPerQuery,
    );
  } catch (thrown) {
    if (!(thrown instanceof SuiteQlSubsetError)) throw thrown;
    return invalid(
      param(
        'q',
        'Invalid search query. Detailed unprocessed description follows. ' +
          `Search error occurred: ${thrown.message}`,
      ),
    );
  }

  const items = rows.slice(offset, offset + limit);
  const hasMore = offset + items.length < rows.length;
  context.store.pageServed({ table: query.table, offset, count: items.length });

  return json(200, {
    links: links(url, limit, offset, rows.length, hasMore),
    count: items.length,
    hasMore,
    offset,
    totalResults: rows.length,
    items,
  });
}

function links(
  url: URL,
  limit: number,
  offset: number,
  total: number,
  hasMore: boolean,
): unknown[] {
  const at = (rel: string, pageOffset: number) => {
    const href = new URL(url.pathname, url.origin);
    href.searchParams.set('limit', String(limit));
    href.searchParams.set('offset', String(pageOffset));
    return { rel, href: href.toString() };
  };
  const lastOffset = Math.max(0, Math.floor((total - 1) / limit) * limit);
  return [
    ...(offset > 0 ? [at('previous', offset - limit), at('first', 0)] : []),
    ...(hasMore ? [at('next', offset + limit), at('last', lastOffset)] : []),
    at('self', offset),
  ];
}

function integerParam(url: URL, name: string, fallback: number): number | undefined {
  const text = url.searchParams.get(name);
  if (text === null) return fallback;
  return /^\d{1,7}$/.test(text) ? Number(text) : undefined;
}

function param(name: string, detail: string): SandboxErrorDetail {
  return { detail, code: 'INVALID_PARAMETER', at: { queryParam: name } };
}

function invalid(detail: SandboxErrorDetail): SandboxAnswer {
  return json(400, netSuiteErrorBody(400, [detail]));
}
