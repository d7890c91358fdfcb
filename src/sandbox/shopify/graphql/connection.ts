import { GraphQLError } from 'graphql';
import type { AdminContext } from './admin-context.js';

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface Connection<V> {
  edges: Array<{ cursor: string; node: V }>;
  nodes: V[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const MAX_PAGE_SIZE = 250;

/**
 * A Relay connection over records, with Shopify's rules: `first` or `last` is required and at
 * most 250; cursors are opaque base64 text naming the last id seen. Only the page is turned
 * into views.
 */
export function connectionOf<R, V>(
  ctx: AdminContext,
  records: R[],
  args: ConnectionArgs,
  keyOf: (record: R) => string,
  view: (record: R) => V,
): Connection<V> {
  const ordered = args.reverse ? [...records].reverse() : records;
  if (ctx.bulkMode) return pageOf(ordered, keyOf, view, false, false);

  const size = args.first ?? args.last;
  if (size === null || size === undefined)
    throw new GraphQLError('you must provide one of first or last');
  if (size < 0 || size > MAX_PAGE_SIZE) {
    throw new GraphQLError(
      `The page size (first or last) must be between 0 and ${MAX_PAGE_SIZE}, not ${size}.`,
    );
  }

  const start = args.after ? indexOf(ordered, keyOf, args.after) + 1 : 0;
  const end = args.before ? indexOf(ordered, keyOf, args.before) : ordered.length;
  const window = ordered.slice(start, Math.max(start, end));

  if (args.first !== null && args.first !== undefined) {
    const page = window.slice(0, args.first);
    return pageOf(
      page,
      keyOf,
      view,
      page.length < window.length || end < ordered.length,
      start > 0,
    );
  }
  const skipped = Math.max(0, window.length - size);
  return pageOf(window.slice(skipped), keyOf, view, end < ordered.length, start + skipped > 0);
}

function pageOf<R, V>(
  page: R[],
  keyOf: (record: R) => string,
  view: (record: R) => V,
  hasNextPage: boolean,
  hasPreviousPage: boolean,
): Connection<V> {
  const edges = page.map((record) => ({ cursor: cursorFor(keyOf(record)), node: view(record) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

function cursorFor(key: string): string {
  return Buffer.from(JSON.stringify({ last_id: key, last_value: key })).toString('base64');
}

function indexOf<R>(records: R[], keyOf: (record: R) => string, cursor: string): number {
  let key: unknown;
  try {
    key = (JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { last_id?: unknown })
      .last_id;
  } catch (error) {
    throw new GraphQLError(`Invalid cursor for current pagination sort: ${cursor}`, {
      originalError: error as Error,
    });
  }
  const index = records.findIndex((record) => keyOf(record) === key);
  if (index < 0) throw new GraphQLError(`Invalid cursor for current pagination sort: ${cursor}`);
  return index;
}
