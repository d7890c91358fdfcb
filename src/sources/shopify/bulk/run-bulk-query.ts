import { TrueshelfError } from '../../../shared/error-catalogue.js';
import type { ShopifyAdminClient } from '../shopify-admin-client.js';

export type BulkStatus =
  'CREATED' | 'RUNNING' | 'COMPLETED' | 'CANCELING' | 'CANCELED' | 'FAILED' | 'EXPIRED';

export interface BulkProgress {
  status: BulkStatus;
  objectCount: number;
  polls: number;
}

export interface FinishedBulkOperation {
  id: string;
  objectCount: number;
  /** Null when the export found nothing (Shopify then writes no file). */
  url: string | null;
}

const RUN = `mutation RunBulkExport($query: String!) {
  bulkOperationRunQuery(query: $query) {
    bulkOperation { id status }
    userErrors { field message }
  }
}`;

const POLL = `query BulkExportStatus($id: ID!) {
  node(id: $id) { ... on BulkOperation { id status errorCode objectCount url } }
}`;

const ENDED = new Set<BulkStatus>(['CANCELED', 'FAILED', 'EXPIRED']);

/**
 * Starts a bulk export and polls `node(id:)` until it completes. Shopify runs it in the
 * background over minutes; polling is cheap (a node costs one point).
 */
export async function runBulkQuery(
  client: ShopifyAdminClient,
  query: string,
  options: {
    pollMs?: number;
    maxPolls?: number;
    sleep?: (ms: number) => Promise<void>;
    onProgress?: (progress: BulkProgress) => void;
  } = {},
): Promise<FinishedBulkOperation> {
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxPolls = options.maxPolls ?? 2_000;

  const started = await client.request<RunResponse>('bulk_run_query', RUN, { query }, 10);
  const payload = started.data.bulkOperationRunQuery;
  const id = payload?.bulkOperation?.id;
  if (!id) {
    const reasons = payload?.userErrors.map((e) => e.message).join('; ') || 'no operation';
    throw new TrueshelfError('shopify_api_error', `Shopify refused the bulk export: ${reasons}`, {
      operation: 'bulk_run_query',
    });
  }

  for (let polls = 1; polls <= maxPolls; polls += 1) {
    const result = await client.request<PollResponse>('bulk_poll', POLL, { id }, 1);
    const node = result.data.node;
    if (!node)
      throw new TrueshelfError('shopify_api_error', `bulk operation ${id} vanished`, { id });

    const status = node.status;
    options.onProgress?.({ status, objectCount: Number(node.objectCount ?? 0), polls });

    if (status === 'COMPLETED') {
      return { id, objectCount: Number(node.objectCount ?? 0), url: node.url ?? null };
    }
    if (ENDED.has(status)) {
      throw new TrueshelfError('shopify_api_error', `bulk operation ${id} ended ${status}`, {
        id,
        status,
        errorCode: node.errorCode,
      });
    }
    await sleep(options.pollMs ?? 1_000);
  }

  throw new TrueshelfError('shopify_api_error', `bulk operation ${id} did not finish`, {
    id,
    maxPolls,
  });
}

interface RunResponse {
  bulkOperationRunQuery: {
    bulkOperation: { id: string; status: BulkStatus } | null;
    userErrors: { field: string[] | null; message: string }[];
  } | null;
}

interface PollResponse {
  node: {
    id: string;
    status: BulkStatus;
    errorCode: string | null;
    objectCount: string | null;
    url: string | null;
  } | null;
}
