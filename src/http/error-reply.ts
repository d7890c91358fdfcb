import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorCatalogue, TrueshelfError } from '../shared/error-catalogue.js';
import type { ErrorCode } from '../shared/error-catalogue.js';

/** The one error body every route answers with. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

/** Fastify's own faults, by their `FST_` code, as catalogue codes. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_BAD_URL: 'invalid_request',
  FST_ERR_ASYNC_CONSTRAINT: 'invalid_request',
  FST_ERR_NOT_FOUND: 'not_found',
};

/**
 * The error handler of the whole server: a catalogue error keeps its code and status, fastify's
 * own client errors get theirs, and anything else is a 500 that names the request id (the log
 * line with the stack carries the same id) and never the stack itself.
 */
export function replyWithError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const problem = asTrueshelfError(error, request);

  if (problem.status >= 500) {
    request.log.error({ err: error, code: problem.code }, 'request failed');
  } else {
    request.log.info({ code: problem.code, details: problem.details }, 'request refused');
  }

  if (problem.code === 'unauthorized') reply.header('WWW-Authenticate', 'Bearer realm="trueshelf"');
  const body: ErrorBody = {
    error: { code: problem.code, message: problem.message, details: problem.details },
  };
  void reply.status(problem.status).type('application/json; charset=utf-8').send(body);
}

export function replyNotFound(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?')[0] ?? request.url;
  const error = new TrueshelfError('not_found', `no route ${request.method} ${path}`, {
    method: request.method,
    path,
    expected: 'a route listed in /openapi.json, /healthz or /metrics',
  });
  replyWithError(error, request, reply);
}

function asTrueshelfError(error: unknown, request: FastifyRequest): TrueshelfError {
  if (error instanceof TrueshelfError) return withRequestId(error, request);

  const fastifyCode = codeOf(error);
  const mapped = fastifyCode === undefined ? undefined : FASTIFY_CODES[fastifyCode];
  if (mapped) return clientError(mapped, fastifyCode, error, request);

  // A 4xx from a part of fastify we did not list is still the client's fault, not ours.
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    return clientError('invalid_request', fastifyCode, error, request);
  }

  return new TrueshelfError(
    'internal',
    `an unexpected fault; the server log has the details under request id ${request.id}`,
    { requestId: request.id },
    { cause: error },
  );
}

function clientError(
  code: ErrorCode,
  fastifyCode: string | undefined,
  error: unknown,
  request: FastifyRequest,
): TrueshelfError {
  const details: Record<string, unknown> = {};
  if (fastifyCode === 'FST_ERR_BAD_URL') {
    details['seen'] = request.url;
    details['expected'] = 'a path with valid percent-encoding';
  }
  if (code === 'payload_too_large') details['limitBytes'] = request.routeOptions.bodyLimit;
  if (code === 'unsupported_media_type') {
    details['seen'] = request.headers['content-type'] ?? null;
    details['expected'] = 'application/json';
  }
  if (code === 'invalid_json') {
    // The type was right; the body was not: say what it was, and fastify's message says where.
    details['seen'] =
      fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'an empty body' : 'text that is not JSON';
    details['expected'] = 'a JSON object';
    details['contentType'] = request.headers['content-type'] ?? null;
  }
  const message = error instanceof Error ? error.message : errorCatalogue[code].meaning;
  return new TrueshelfError(code, message, details, { cause: error });
}

/** A 5xx tells the caller which request to quote when asking what went wrong. */
function withRequestId(error: TrueshelfError, request: FastifyRequest): TrueshelfError {
  if (error.status < 500 || 'requestId' in error.details) return error;
  return new TrueshelfError(
    error.code,
    error.message,
    { ...error.details, requestId: request.id },
    {
      cause: error,
    },
  );
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
