import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import type { BulkOperations } from '../graphql/bulk-operations.js';
import { SandboxError } from '../state/sandbox-error.js';
import type { AccessTokens } from './access-tokens.js';
import { handleAdminGraphql } from './admin-graphql-route.js';
import type { AdminGraphqlRouteDeps } from './admin-graphql-route.js';
import { CONTROL_ROUTES } from './control-routes.js';
import type { ControlDeps } from './control-routes.js';
import { parseJsonBody, readBody, send, sendJson } from './http-io.js';
import { handleAccessTokenRequest } from './oauth-route.js';

export interface RouterDeps {
  admin: AdminGraphqlRouteDeps;
  control: ControlDeps;
  tokens: AccessTokens;
  bulk: BulkOperations;
}

const ADMIN_GRAPHQL = /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/;
const BULK_RESULT = /^\/bulk-operation-results\/(\d+)\.jsonl$/;

/** The sandbox's one HTTP entry: Admin API, OAuth, bulk result files and the control API. */
export function createRequestHandler(
  deps: RouterDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(req, res, deps).catch((error: unknown) => answerError(res, error));
  };
}

async function route(req: IncomingMessage, res: ServerResponse, deps: RouterDeps): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://sandbox.invalid').pathname;

  const admin = ADMIN_GRAPHQL.exec(path);
  if (admin) return handleAdminGraphql(req, res, admin[1] ?? '', deps.admin);
  if (path === '/admin/oauth/access_token' && req.method === 'POST')
    return handleAccessTokenRequest(req, res, deps.tokens);

  const bulk = BULK_RESULT.exec(path);
  if (bulk && req.method === 'GET') {
    const operation = deps.bulk.get(bulk[1] ?? '');
    if (!operation) return sendJson(res, 404, { errors: 'Not Found' });
    return send(res, 200, operation.jsonl, 'application/jsonl');
  }

  for (const candidate of CONTROL_ROUTES) {
    const match = candidate.method === req.method ? candidate.path.exec(path) : null;
    if (!match) continue;
    const input =
      req.method === 'GET' || req.method === 'DELETE' ? {} : parseJsonBody(await readBody(req));
    const params = match.slice(1).map((part) => decodeURIComponent(part));
    const reply = await candidate.run(params, input, deps.control);
    return sendJson(res, reply.status, reply.body);
  }
  sendJson(res, 404, { errors: 'Not Found' });
}

function answerError(res: ServerResponse, error: unknown): void {
  if (error instanceof SandboxError) {
    sendJson(res, error.status, { error: error.code, message: error.message });
  } else if (error instanceof ZodError) {
    sendJson(res, 422, { error: 'invalid_input', issues: error.issues });
  } else {
    const message = error instanceof Error ? error.message : String(error);
    sendJson(res, 500, { error: 'internal', message });
  }
}
