import { NetSuiteError } from './netsuite-error.js';
import type { NetSuiteErrorCode, NetSuiteErrorDetail } from './netsuite-error.js';

/*
 * NetSuite's REST error body:
 *   {"type": "...", "title": "Bad Request", "status": 400,
 *    "o:errorDetails": [{"detail": "...", "o:errorCode": "INVALID_PARAMETER",
 *                        "o:errorQueryParam": "q"}]}
 * The OAuth 2.0 token endpoint answers in RFC 6749's shape instead: {"error": "invalid_client"}.
 */
export interface NetSuiteErrorBody {
  readonly title: string | undefined;
  readonly details: readonly NetSuiteErrorDetail[];
}

export function parseNetSuiteErrorBody(body: unknown): NetSuiteErrorBody {
  if (!isRecord(body)) return { title: undefined, details: [] };

  const title = typeof body['title'] === 'string' ? body['title'] : undefined;
  const listed = Array.isArray(body['o:errorDetails']) ? body['o:errorDetails'] : [];
  const details = listed.filter(isRecord).map(toDetail);

  if (details.length === 0 && typeof body['error'] === 'string') {
    const description = body['error_description'];
    const detail = typeof description === 'string' ? description : body['error'];
    return { title, details: [{ detail, errorCode: body['error'], errorAt: undefined }] };
  }
  return { title, details };
}

/** True for a refusal by the account's concurrency governance: 429, or the code at any status. */
export function isConcurrencyRejection(status: number, body: NetSuiteErrorBody): boolean {
  if (status === 429) return true;
  return body.details.some((detail) => detail.errorCode === 'CONCURRENCY_LIMIT_EXCEEDED');
}

export interface FailedResponse {
  readonly status: number;
  readonly body: unknown;
  /** The body as text, kept for the message when it is not JSON (a proxy's HTML page). */
  readonly text: string;
}

/** Turns a non-2xx answer into a `NetSuiteError` whose message says what NetSuite said. */
export function netSuiteErrorFromResponse(response: FailedResponse, where: string): NetSuiteError {
  const parsed = parseNetSuiteErrorBody(response.body);
  const code = codeFor(response.status, parsed);
  const said =
    parsed.details.length > 0
      ? parsed.details.map((d) => `${d.errorCode ?? 'no code'}: ${d.detail}`).join('; ')
      : snippet(response.text);

  const message = `NetSuite answered ${response.status} to ${where}: ${said}. ${hintFor(code)}`;
  return new NetSuiteError(code, message, {
    where,
    netsuiteStatus: response.status,
    details: parsed.details,
  });
}

function codeFor(status: number, body: NetSuiteErrorBody): NetSuiteErrorCode {
  if (isConcurrencyRejection(status, body)) return 'netsuite_concurrency_limit';
  if (status === 401) return 'netsuite_unauthorized';
  if (status === 403) return 'netsuite_forbidden';
  if (status === 404) return 'netsuite_not_found';
  if (status >= 500) return 'netsuite_unavailable';
  return 'netsuite_request_refused';
}

function hintFor(code: NetSuiteErrorCode): string {
  switch (code) {
    case 'netsuite_unauthorized':
      // Over-concurrency has also shown up as INVALID_LOGIN, so the hint does not blame the
      // credentials alone.
      return (
        'Check the credentials, that the realm is the upper-case account id, that the role has ' +
        'REST Web Services permission, and whether other integrations exhaust the ' +
        'concurrency limit.'
      );
    case 'netsuite_concurrency_limit':
      return 'Lower the parallel request cap or give this integration more of the account limit.';
    case 'netsuite_unavailable':
      return 'Retry later.';
    default:
      return 'See o:errorDetails.';
  }
}

function toDetail(entry: Record<string, unknown>): NetSuiteErrorDetail {
  const at = entry['o:errorPath'] ?? entry['o:errorQueryParam'] ?? entry['o:errorHeader'];
  return {
    detail: typeof entry['detail'] === 'string' ? entry['detail'] : '',
    errorCode: typeof entry['o:errorCode'] === 'string' ? entry['o:errorCode'] : undefined,
    errorAt: typeof at === 'string' ? at : undefined,
  };
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return 'an empty body';
  return `a body without o:errorDetails (${flat.length > 120 ? `${flat.slice(0, 120)}…` : flat})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
