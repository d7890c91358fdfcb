import { createAdminApiClient } from '@shopify/admin-api-client';
import type { AdminApiClient } from '@shopify/admin-api-client';
import type { Metrics } from '../../engine/metrics/metrics.js';
import type { Clock } from '../../shared/clock.js';
import { TrueshelfError, toError } from '../../shared/error-catalogue.js';
import type { Logger } from '../../shared/logger.js';
import { parseJsonWithBigIds } from '../../shared/parse-json-with-big-ids.js';
import type { AccessTokenProvider } from './access-token-provider.js';
import { PointsBudget } from './points-budget.js';

export interface ShopifyAdminClientOptions {
  shop: string;
  /** `https://{shop}` unless overridden (the sandbox: `http://127.0.0.1:PORT`). */
  adminOrigin: string;
  apiVersion: string;
  tokens: AccessTokenProvider;
  metrics: Metrics;
  logger: Logger;
  clock: Clock;
  pointsPerSecond: number;
  /** One Admin API call is given up (and retried) after this long; default 30 s. */
  requestTimeoutMs?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface GraphqlCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

/** Background work (order tagging, attribution lookups) leaves this share of the bucket. */
const BACKGROUND_RESERVE = 0.5;

/** Foreground: the mirror, pushes, reports a person waits for. Background: work that can lag. */
export type RequestPriority = 'foreground' | 'background';

export interface GraphqlResult<T> {
  data: T;
  cost: GraphqlCost | null;
}

/**
 * The Admin GraphQL API through Shopify's official client, with its retries off so that all
 * backoff is ours: THROTTLED arrives as HTTP 200 (the client does not retry it), 429 and 503
 * are retried here within the points budget, and every response's cost is counted.
 */
export class ShopifyAdminClient {
  private client: AdminApiClient | null = null;
  private clientToken = '';
  private readonly budget: PointsBudget;
  private readonly sleep: (ms: number) => Promise<void>;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: ShopifyAdminClientOptions) {
    this.budget = new PointsBudget(options.clock, options.pointsPerSecond);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async request<T>(
    operation: string,
    query: string,
    variables: Record<string, unknown> = {},
    estimatedCost = 10,
    priority: RequestPriority = 'foreground',
  ): Promise<GraphqlResult<T>> {
    const maxAttempts = this.options.maxAttempts ?? 6;

    for (let attempt = 1; ; attempt += 1) {
      await this.waitForBudget(estimatedCost, priority);

      const outcome = await this.send<T>(query, variables);
      if (outcome.cost) this.budget.observe(outcome.cost.throttleStatus);
      if (outcome.cost?.actualQueryCost) {
        this.options.metrics.apiPoints.inc({ operation }, outcome.cost.actualQueryCost);
      }

      if (outcome.kind === 'ok') return { data: outcome.data, cost: outcome.cost };

      if (outcome.kind === 'retryable' && attempt < maxAttempts) {
        const delay = this.backoff(attempt, outcome.retryAfterMs, outcome.cost, estimatedCost);
        this.options.logger.warn(
          { operation, attempt, delay, reason: outcome.reason },
          'shopify retry',
        );
        await this.sleep(delay);
        continue;
      }

      const code =
        outcome.kind === 'retryable' && outcome.reason === 'throttled'
          ? 'shopify_throttled'
          : 'shopify_api_error';
      throw new TrueshelfError(code, `Shopify ${operation} failed: ${outcome.message}`, {
        operation,
        attempts: attempt,
        reason: outcome.reason,
      });
    }
  }

  /**
   * Requests take their points in arrival order: a large re-read waits for its points without
   * a stream of small requests taking each point as it is restored (which starved the mirror's
   * 600-point reads behind order tagging). Background work first waits, outside that queue,
   * until the bucket also holds a reserve for foreground work, so it never holds up the queue.
   */
  private async waitForBudget(cost: number, priority: RequestPriority): Promise<void> {
    if (priority === 'background') {
      const reserve = this.budget.capacity() * BACKGROUND_RESERVE;
      const wait = this.budget.waitFor(cost, reserve);
      if (wait > 0) await this.sleep(wait);
    }

    const turn = this.queue.then(async () => {
      const wait = this.budget.waitFor(cost);
      if (wait > 0) await this.sleep(wait);
      this.budget.spend(cost);
    });
    this.queue = turn.catch(() => undefined);
    await turn;
  }

  private backoff(
    attempt: number,
    retryAfterMs: number | null,
    cost: GraphqlCost | null,
    need: number,
  ): number {
    if (retryAfterMs !== null) return retryAfterMs;
    if (cost) {
      const { currentlyAvailable, restoreRate } = cost.throttleStatus;
      // Shopify's requested cost is the truth when our estimate was low.
      const deficit = Math.max(0, Math.max(need, cost.requestedQueryCost) - currentlyAvailable);
      return Math.ceil((deficit / Math.max(1, restoreRate)) * 1000) + 50;
    }
    return Math.min(10_000, 100 * 2 ** attempt);
  }

  private async send<T>(
    query: string,
    variables: Record<string, unknown>,
  ): Promise<SendOutcome<T>> {
    const client = await this.currentClient();
    let response;
    try {
      response = await client.request(query, { variables, retries: 0 });
    } catch (thrown) {
      const error = toError(thrown, 'shopify request');
      return {
        kind: 'retryable',
        reason: 'network',
        message: error.message,
        retryAfterMs: null,
        cost: null,
      };
    }

    const cost = readCost(response.extensions);
    const errors = response.errors;
    if (!errors) return { kind: 'ok', data: response.data as T, cost };

    const throttled = errors.graphQLErrors?.some(
      (e) => (e.extensions as { code?: string } | undefined)?.code === 'THROTTLED',
    );
    if (throttled)
      return {
        kind: 'retryable',
        reason: 'throttled',
        message: 'THROTTLED',
        retryAfterMs: null,
        cost,
      };

    const status = errors.networkStatusCode;
    if (status === 429 || (status !== undefined && status >= 500)) {
      const header = errors.response?.headers.get('retry-after');
      const retryAfterMs = header ? Math.min(30_000, Math.max(0, Number(header) * 1000)) : null;
      return {
        kind: 'retryable',
        reason: `http_${status}`,
        message: errors.message ?? `HTTP ${status}`,
        retryAfterMs,
        cost,
      };
    }
    if (status === undefined && !errors.graphQLErrors?.length) {
      return {
        kind: 'retryable',
        reason: 'network',
        message: errors.message ?? 'network error',
        retryAfterMs: null,
        cost,
      };
    }

    const message =
      errors.graphQLErrors?.map((e) => e.message).join('; ') || errors.message || 'unknown';
    return { kind: 'failed', reason: status ? `http_${status}` : 'graphql', message, cost };
  }

  private async currentClient(): Promise<AdminApiClient> {
    const token = await this.options.tokens.token();
    if (this.client && token === this.clientToken) return this.client;

    const origin = new URL(this.options.adminOrigin);
    const plainHttp = origin.protocol === 'http:';
    this.client = createAdminApiClient({
      storeDomain: origin.host,
      apiVersion: this.options.apiVersion,
      accessToken: token,
      retries: 0,
      logger: () => undefined,
      // The official client forces https; the loopback sandbox speaks plain http. Ids in the
      // answer are parsed as strings where they exceed 2^53.
      customFetchApi: async (url, init) => {
        const target = plainHttp ? String(url).replace(/^https:/, 'http:') : String(url);
        // Without a deadline a call Shopify never answers held its worker loop for undici's
        // 300 s header timeout (found by the fault campaign); an aborted call is retried.
        const response = await fetch(target, {
          ...(init as RequestInit),
          signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
        });
        const text = await response.text();
        const body =
          text.length > 0 && isJson(response) ? JSON.stringify(parseJsonWithBigIds(text)) : text;
        return new Response(body, { status: response.status, headers: response.headers });
      },
    });
    this.clientToken = token;
    return this.client;
  }
}

type SendOutcome<T> =
  | { kind: 'ok'; data: T; cost: GraphqlCost | null }
  | {
      kind: 'retryable';
      reason: string;
      message: string;
      retryAfterMs: number | null;
      cost: GraphqlCost | null;
    }
  | { kind: 'failed'; reason: string; message: string; cost: GraphqlCost | null };

function readCost(extensions: unknown): GraphqlCost | null {
  const cost = (extensions as { cost?: GraphqlCost } | undefined)?.cost;
  return cost && typeof cost.requestedQueryCost === 'number' ? cost : null;
}

function isJson(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('json');
}
