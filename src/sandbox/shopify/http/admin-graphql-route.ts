import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RandomSource } from '../state/random-source.js';
import type { AdminContext } from '../graphql/admin-context.js';
import { throttled } from '../graphql/admin-graphql.js';
import type { AdminGraphql, GraphqlRequest } from '../graphql/admin-graphql.js';
import type { CostBuckets } from '../graphql/cost-bucket.js';
import type { AccessTokens } from './access-tokens.js';
import { readBody, send, sendJson } from './http-io.js';
import type { RequestFaults } from './request-faults.js';

export interface AdminGraphqlRouteDeps {
  graphql: AdminGraphql;
  tokens: AccessTokens;
  buckets: CostBuckets;
  faults: RequestFaults;
  random: RandomSource;
  contextFor: (apiVersion: string) => AdminContext;
  /** Requests held open by a `hang` fault, ended when the sandbox closes. */
  hung: Set<ServerResponse>;
}

const INVALID_TOKEN = {
  errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
};

/** `POST /admin/api/{version}/graphql.json`. */
export async function handleAdminGraphql(
  req: IncomingMessage,
  res: ServerResponse,
  apiVersion: string,
  deps: AdminGraphqlRouteDeps,
): Promise<void> {
  const headers = { 'X-Shopify-API-Version': apiVersion, 'X-Request-Id': deps.random.uuid() };
  const token = headerOf(req, 'x-shopify-access-token');
  const fault = deps.faults.take();

  if (fault?.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'hang') {
    deps.hung.add(res);
    res.on('close', () => deps.hung.delete(res));
    return;
  }
  if (fault?.kind === 'http_429') {
    const body = {
      errors:
        'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
    };
    sendJson(res, 429, body, { ...headers, 'Retry-After': fault.retryAfter ?? '2.0' });
    return;
  }
  if (fault?.kind === 'http_503') {
    sendJson(res, 503, { errors: 'Service Unavailable' }, headers);
    return;
  }
  if (req.method !== 'POST') {
    sendJson(
      res,
      405,
      { errors: 'Use POST for the GraphQL Admin API.' },
      { ...headers, Allow: 'POST' },
    );
    return;
  }
  if (!deps.tokens.isValid(token)) {
    sendJson(res, 401, INVALID_TOKEN, headers);
    return;
  }

  const request = requestOf(await readBody(req), headerOf(req, 'content-type') ?? '');
  if (!request) {
    sendJson(res, 400, { errors: { query: 'Required parameter missing or invalid' } }, headers);
    return;
  }
  const bucket = deps.buckets.bucketFor(token ?? '');
  const response =
    fault?.kind === 'throttled'
      ? throttled(0, bucket)
      : deps.graphql.execute(request, deps.contextFor(apiVersion), bucket);
  send(res, 200, JSON.stringify(response), 'application/json; charset=utf-8', headers);
}

function requestOf(text: string, contentType: string): GraphqlRequest | null {
  if (contentType.includes('application/graphql')) return { query: text };
  try {
    const body = JSON.parse(text) as Partial<GraphqlRequest>;
    if (typeof body.query !== 'string') return null;
    const variables = body.variables && typeof body.variables === 'object' ? body.variables : null;
    return { query: body.query, variables, operationName: body.operationName ?? null };
  } catch {
    return null;
  }
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
