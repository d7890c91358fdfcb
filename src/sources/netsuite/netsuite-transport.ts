import type { Logger } from '../../shared/logger.js';
import { backoffDelayMs, defaultBackoffPolicy, retryAfterSeconds } from './concurrency-backoff.js';
import type { BackoffPolicy } from './concurrency-backoff.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import { NetSuiteError } from './netsuite-error.js';
import { netSuiteErrorFromResponse } from './parse-netsuite-error.js';
import type { RequestAuthorizer } from './request-authorizer.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface NetSuiteRequest {
  readonly method: HttpMethod;
  /** From `/services/rest/...`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as JSON; never part of a TBA signature. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** What the request is for, in words, for messages and logs: `suiteql page (location 5)`. */
  readonly where: string;
}

export interface NetSuiteResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body; undefined when there is none (a 204). */
  readonly body: unknown;
}

export interface NetSuiteTransportOptions {
  readonly baseUrl: string;
  readonly authorizer: RequestAuthorizer;
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** Our share of the account's concurrency limit; the shop's connector needs the rest. */
  readonly maxConcurrentRequests?: number;
  readonly backoff?: BackoffPolicy;
  readonly logger?: Logger;
}

type Attempt =
  | { readonly ok: true; readonly response: NetSuiteResponse }
  | { readonly ok: false; readonly error: NetSuiteError; readonly retryAfter: number | undefined };

/**
 * Sends REST requests to one NetSuite account: signs each attempt, keeps to the concurrency cap,
 * retries refusals by the concurrency limit with backoff, and turns other failures into
 * `NetSuiteError`s. Only concurrency refusals are retried: NetSuite blocks those before doing
 * anything, whereas a 5xx or a dropped connection may follow a create that went through.
 */
export class NetSuiteTransport {
  readonly gate: ConcurrencyGate;
  private readonly baseUrl: string;
  private readonly policy: BackoffPolicy;

  constructor(private readonly options: NetSuiteTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.gate = new ConcurrencyGate(options.maxConcurrentRequests ?? 2);
    this.policy = options.backoff ?? defaultBackoffPolicy;
  }

  async send(request: NetSuiteRequest): Promise<NetSuiteResponse> {
    const url = this.urlFor(request);
    let reauthorized = false;

    for (let attempt = 1; ; attempt += 1) {
      // The slot is held for the request only, never while backing off.
      const outcome = await this.gate.run(() => this.attempt(request, url));
      if (outcome.ok) return outcome.response;

      const { error } = outcome;
      if (error.code === 'netsuite_unauthorized' && !reauthorized) {
        reauthorized = true;
        if (this.options.authorizer.forgetAfterUnauthorized()) continue;
      }
      if (error.code !== 'netsuite_concurrency_limit') throw error;
      if (attempt >= this.policy.maxAttempts) throw exhausted(error, attempt);

      const delayMs = backoffDelayMs(attempt, this.policy, this.options.random, outcome.retryAfter);
      this.options.logger?.info(
        { where: request.where, attempt, delayMs },
        'netsuite concurrency limit; backing off',
      );
      await this.options.sleep(delayMs);
    }
  }

  private async attempt(request: NetSuiteRequest, url: string): Promise<Attempt> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...request.headers,
      Authorization: await this.options.authorizer.authorization(request.method, url),
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(url, {
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      });
      text = await response.text();
    } catch (thrown) {
      throw new NetSuiteError(
        'netsuite_unavailable',
        `could not reach NetSuite for ${request.where} (${request.method} ${request.path})`,
        { where: request.where },
        { cause: thrown },
      );
    }

    const body = parseBody(text);
    if (response.ok) {
      if (body === unreadable) throw badJson(request, response.status, text);
      return { ok: true, response: { status: response.status, headers: response.headers, body } };
    }

    const error = netSuiteErrorFromResponse(
      { status: response.status, body: body === unreadable ? undefined : body, text },
      request.where,
    );
    return { ok: false, error, retryAfter: retryAfterSeconds(response.headers.get('retry-after')) };
  }

  private urlFor(request: NetSuiteRequest): string {
    const query = new URLSearchParams(request.query ?? {}).toString();
    return `${this.baseUrl}${request.path}${query === '' ? '' : `?${query}`}`;
  }
}

const unreadable = Symbol('unreadable');

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return unreadable;
  }
}

function exhausted(error: NetSuiteError, attempts: number): NetSuiteError {
  return new NetSuiteError(
    'netsuite_concurrency_limit',
    `${error.message} Gave up after ${attempts} attempts.`,
    { ...error.facts, attempts },
    { cause: error },
  );
}

function badJson(request: NetSuiteRequest, status: number, text: string): NetSuiteError {
  return new NetSuiteError(
    'netsuite_bad_response',
    `NetSuite answered ${status} to ${request.where} with a body that is not JSON ` +
      `(${text.slice(0, 80)})`,
    { where: request.where, netsuiteStatus: status },
  );
}
