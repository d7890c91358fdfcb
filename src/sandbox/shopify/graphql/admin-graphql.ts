import {
  GraphQLError,
  Kind,
  executeSync,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
} from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, GraphQLSchema } from 'graphql';
import type { AdminContext } from './admin-context.js';
import type { CostBucket, ThrottleStatus } from './cost-bucket.js';
import { mutationRoot } from './mutation-root.js';
import { queryRoot } from './query-root.js';
import { actualCost, requestedCost } from './query-cost.js';

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown> | null | undefined;
  operationName?: string | null | undefined;
}

export interface GraphqlResponse {
  data?: unknown;
  errors?: unknown[];
  extensions?: { cost: CostExtension };
}

interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

/** One query's hard limit, whatever the plan (research §4). */
export const SINGLE_QUERY_MAX_COST = 1000;
const RATE_LIMIT_DOCS = 'https://shopify.dev/api/usage/rate-limits';

/**
 * Executes Admin API requests: parse, validate, price, charge the bucket, run, refund the unused
 * points, and report `extensions.cost` as Shopify does.
 */
const DOCUMENT_CACHE_SIZE = 500;

export class AdminGraphql {
  private readonly rootValue: Record<string, unknown> = { ...queryRoot, ...mutationRoot };

  /** Parsed and validated documents by query text: clients send the same few queries. */
  private readonly validDocuments = new Map<string, DocumentNode>();

  constructor(private readonly schema: GraphQLSchema) {}

  execute(request: GraphqlRequest, ctx: AdminContext, bucket: CostBucket): GraphqlResponse {
    let document = this.validDocuments.get(request.query);
    if (!document) {
      try {
        document = parse(request.query);
      } catch (error) {
        return { errors: [toJson(error)] };
      }
      const invalid = validate(this.schema, document);
      if (invalid.length > 0) return { errors: invalid.map(toJson) };
      if (this.validDocuments.size >= DOCUMENT_CACHE_SIZE) this.validDocuments.clear();
      this.validDocuments.set(request.query, document);
    }

    const operation = getOperationAST(document, request.operationName ?? undefined);
    if (!operation)
      return {
        errors: [
          { message: 'An operation name is required when the document has several operations.' },
        ],
      };
    const coerced = getVariableValues(
      this.schema,
      operation.variableDefinitions ?? [],
      request.variables ?? {},
    );
    if (coerced.errors) return { errors: coerced.errors.map(toJson) };

    const cost = {
      schema: this.schema,
      operation,
      fragments: fragmentsOf(document),
      variables: coerced.coerced,
    };
    const requested = requestedCost(cost);
    if (requested > SINGLE_QUERY_MAX_COST) return maxCostExceeded(requested, bucket);
    if (!bucket.tryTake(requested)) return throttled(requested, bucket);

    const result = executeSync({
      schema: this.schema,
      document,
      rootValue: this.rootValue,
      contextValue: ctx,
      variableValues: request.variables ?? {},
      operationName: request.operationName ?? undefined,
    });
    const actual = actualCost(cost, result.data);
    bucket.refund(requested - actual);

    const response: GraphqlResponse = { data: result.data ?? null };
    if (result.errors?.length) response.errors = result.errors.map(toJson);
    response.extensions = {
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: actual,
        throttleStatus: bucket.status(),
      },
    };
    return response;
  }
}

/** HTTP 200, no data: Shopify's GraphQL throttle answer (research §4). */
export function throttled(requested: number, bucket: CostBucket): GraphqlResponse {
  return {
    errors: [
      { message: 'Throttled', extensions: { code: 'THROTTLED', documentation: RATE_LIMIT_DOCS } },
    ],
    extensions: {
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: null,
        throttleStatus: bucket.status(),
      },
    },
  };
}

function maxCostExceeded(requested: number, bucket: CostBucket): GraphqlResponse {
  return {
    errors: [
      {
        message: `Query cost is ${requested}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}). Use a bulk operation to read larger amounts of data.`,
        extensions: {
          code: 'MAX_COST_EXCEEDED',
          cost: requested,
          maxCost: SINGLE_QUERY_MAX_COST,
          documentation: RATE_LIMIT_DOCS,
        },
      },
    ],
    extensions: {
      cost: {
        requestedQueryCost: requested,
        actualQueryCost: null,
        throttleStatus: bucket.status(),
      },
    },
  };
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

function toJson(error: unknown): unknown {
  if (error instanceof GraphQLError) return error.toJSON();
  return { message: error instanceof Error ? error.message : String(error) };
}
