import { executeSync, parse, validate } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { Clock } from '../../../shared/clock.js';
import { formatDateTime, formatDateTimeOrNull } from '../payloads/shop-time.js';
import { gidOf } from '../state/gid.js';
import type { IdSequence } from '../state/id-sequence.js';
import type { AdminContext } from './admin-context.js';
import type { View } from './inventory-views.js';
import { flattenToJsonl } from './jsonl-flattener.js';

export interface BulkOperationRecord {
  id: string;
  query: string;
  createdAt: Date;
  completedAt: Date;
  jsonl: string;
  objectCount: number;
  rootObjectCount: number;
  /** Reported as CREATED once, by the mutation that started it; COMPLETED on every later read. */
  reported: boolean;
}

/**
 * `bulkOperationRunQuery`: the export runs at once over every page of every connection, and the
 * JSONL is served from the sandbox at the operation's `url`, like Shopify's signed file link.
 */
export class BulkOperations {
  private readonly operations = new Map<string, BulkOperationRecord>();
  private latest: BulkOperationRecord | null = null;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly ids: IdSequence,
    private readonly clock: Clock,
    private readonly baseUrl: () => string,
  ) {}

  start(
    ctx: AdminContext,
    query: string,
    rootValue: unknown,
  ): { operation: BulkOperationRecord | null; errors: string[] } {
    let document;
    try {
      document = parse(query);
    } catch (error) {
      return { operation: null, errors: [(error as Error).message] };
    }
    const invalid = validate(this.schema, document);
    if (invalid.length > 0)
      return { operation: null, errors: invalid.map((error) => error.message) };

    const result = executeSync({
      schema: this.schema,
      document,
      rootValue,
      contextValue: { ...ctx, bulkMode: true },
    });
    if (result.errors?.length || !result.data) {
      return { operation: null, errors: (result.errors ?? []).map((error) => error.message) };
    }

    const { lines, rootObjectCount } = flattenToJsonl(result.data as Record<string, unknown>);
    const now = this.clock();
    const operation: BulkOperationRecord = {
      id: this.ids.next(),
      query,
      createdAt: now,
      completedAt: now,
      jsonl: lines.map((line) => `${line}\n`).join(''),
      objectCount: lines.length,
      rootObjectCount,
      reported: false,
    };
    this.operations.set(operation.id, operation);
    this.latest = operation;
    return { operation, errors: [] };
  }

  current(): BulkOperationRecord | null {
    return this.latest;
  }

  get(id: string): BulkOperationRecord | undefined {
    return this.operations.get(id);
  }

  view(operation: BulkOperationRecord): View {
    const created = !operation.reported;
    operation.reported = true;
    const url =
      operation.objectCount > 0
        ? `${this.baseUrl()}/bulk-operation-results/${operation.id}.jsonl`
        : null;
    return {
      __typename: 'BulkOperation',
      id: gidOf('BulkOperation', operation.id),
      status: created ? 'CREATED' : 'COMPLETED',
      errorCode: null,
      type: 'QUERY',
      query: operation.query,
      createdAt: formatDateTime(operation.createdAt),
      completedAt: created ? null : formatDateTimeOrNull(operation.completedAt),
      objectCount: created ? '0' : String(operation.objectCount),
      rootObjectCount: created ? '0' : String(operation.rootObjectCount),
      fileSize: created || url === null ? null : String(Buffer.byteLength(operation.jsonl)),
      url: created ? null : url,
      partialDataUrl: null,
    };
  }
}
