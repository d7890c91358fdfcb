/** Where an error detail points, as NetSuite names it. */
export type ErrorPointer =
  { readonly path: string } | { readonly queryParam: string } | { readonly header: string };

export interface SandboxErrorDetail {
  readonly detail: string;
  readonly code: string;
  readonly at?: ErrorPointer;
}

const TYPES: Readonly<Record<number, string>> = {
  400: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1',
  401: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2',
  403: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.4',
  404: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5',
  429: 'https://tools.ietf.org/html/rfc6585#section-4',
  500: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.1',
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** NetSuite's REST error envelope: `type`, `title`, `status`, `o:errorDetails`. */
export function netSuiteErrorBody(
  status: number,
  details: readonly SandboxErrorDetail[],
): Record<string, unknown> {
  return {
    type: TYPES[status] ?? TYPES[400],
    title: TITLES[status] ?? 'Error',
    status,
    'o:errorDetails': details.map((entry) => ({
      detail: entry.detail,
      'o:errorCode': entry.code,
      ...pointer(entry.at),
    })),
  };
}

/** The login refusal. NetSuite never says why; the sandbox keeps the reason in its store. */
export const INVALID_LOGIN: SandboxErrorDetail = {
  detail:
    'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at ' +
    'Setup > Users/Roles > User Management > View Login Audit Trail.',
  code: 'INVALID_LOGIN',
};

/** The concurrency refusal, worded as third-party mocks of NetSuite word it. */
export const CONCURRENCY_LIMIT_EXCEEDED: SandboxErrorDetail = {
  detail: 'Concurrent request limit exceeded. Request blocked.',
  code: 'CONCURRENCY_LIMIT_EXCEEDED',
};

function pointer(at: ErrorPointer | undefined): Record<string, string> {
  if (at === undefined) return {};
  if ('path' in at) return { 'o:errorPath': at.path };
  if ('queryParam' in at) return { 'o:errorQueryParam': at.queryParam };
  return { 'o:errorHeader': at.header };
}
