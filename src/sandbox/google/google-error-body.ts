/*
 * Google's error body (AIP-193): `{error: {code, message, status, details: [ErrorInfo]}}`, with
 * `metadata.REASON` the stable value clients branch on. Google publishes few REASON values for
 * local inventory (research/google.md §9); the ones below other than the `quota/...` values and
 * INVALID_NAME_PART_NOT_NUMBER are the sandbox's own, named so a reader sees what went wrong.
 */
export type SandboxReason =
  | 'INVALID_NAME_PART_NOT_NUMBER'
  | 'quota/request_rate_too_high'
  | 'quota/daily_limit_exceeded'
  | 'SANDBOX_PRODUCT_NOT_FOUND'
  | 'SANDBOX_LOCAL_INVENTORY_NOT_FOUND'
  | 'SANDBOX_INVALID_FIELD'
  | 'SANDBOX_NO_ROUTE'
  | 'SANDBOX_UNAVAILABLE'
  | 'SANDBOX_UNAUTHENTICATED';

const statusNames: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  503: 'UNAVAILABLE',
};

export interface SandboxError {
  readonly httpStatus: 400 | 401 | 404 | 429 | 503;
  readonly reason: SandboxReason;
  readonly message: string;
  readonly field?: { readonly location: string; readonly value: string };
}

export function googleErrorBody(error: SandboxError): unknown {
  const metadata: Record<string, string> = { REASON: error.reason };
  if (error.field) {
    metadata['FIELD_LOCATION'] = error.field.location;
    metadata['FIELD_VALUE'] = error.field.value;
  }
  return {
    error: {
      code: error.httpStatus,
      message: error.message,
      status: statusNames[error.httpStatus],
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: error.reason,
          domain: 'merchantapi.googleapis.com',
          metadata,
        },
      ],
    },
  };
}
