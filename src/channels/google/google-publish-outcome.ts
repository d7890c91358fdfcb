import type { Clock } from '../../shared/clock.js';

/** What one call to Google came to: done, or refused with whether a retry can help. */
export type GooglePublishOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly retryable: boolean;
      /** Google's stable `metadata.REASON` (AIP-193), else its ErrorInfo reason or status. */
      readonly reason: string;
      readonly message: string;
      /** The gRPC status name, e.g. RESOURCE_EXHAUSTED. */
      readonly status?: string;
      readonly httpStatus?: number;
      /** When Google says (or the quota rule implies) how long to wait. */
      readonly retryAfterMs?: number;
    };

const statusNames = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
] as const;

// Worth another try later: overload, quota, a dropped connection, a timeout. INVALID_ARGUMENT,
// NOT_FOUND (no such product), PERMISSION_DENIED and the like need a person, not a retry.
const retryableStatuses = new Set([
  'DEADLINE_EXCEEDED',
  'RESOURCE_EXHAUSTED',
  'ABORTED',
  'UNAVAILABLE',
]);

/**
 * Reads what the official client throws (gax's GoogleError: `code` is the gRPC number, with
 * `httpStatusCode`, `reason` and `errorInfoMetadata` from the AIP-193 body) into an outcome.
 * Anything else is not Google's answer but a fault of ours, and is thrown on.
 */
export function googlePublishOutcome(thrown: unknown, clock: Clock): GooglePublishOutcome {
  const error = asRecord(thrown);
  const code = error?.['code'];
  if (!error || typeof code !== 'number' || !(thrown instanceof Error)) throw thrown;

  const status = statusNames[code] ?? 'UNKNOWN';
  const httpStatus =
    typeof error['httpStatusCode'] === 'number' ? error['httpStatusCode'] : undefined;
  const metadata = asRecord(error['errorInfoMetadata']);
  const reason = stringOr(metadata?.['REASON'], stringOr(error['reason'], status));

  // A 5xx that carried no JSON arrives as INTERNAL; the gateway's trouble is passing.
  const serverSide = httpStatus !== undefined && (httpStatus === 429 || httpStatus >= 500);
  const retryable = retryableStatuses.has(status) || serverSide;
  const retryAfterMs = retryable ? retryDelay(error, reason, clock) : undefined;

  return {
    ok: false,
    retryable,
    reason,
    message: thrown.message,
    status,
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

function retryDelay(
  error: Record<string, unknown>,
  reason: string,
  clock: Clock,
): number | undefined {
  // The daily quota resets at 12:00 UTC (Merchant API quotas guide); retrying sooner only burns calls.
  if (reason === 'quota/daily_limit_exceeded') {
    const now = clock();
    const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12));
    if (reset.getTime() <= now.getTime()) reset.setUTCDate(reset.getUTCDate() + 1);
    return reset.getTime() - now.getTime();
  }

  const details = Array.isArray(error['statusDetails']) ? error['statusDetails'] : [];
  for (const detail of details) {
    // google.rpc.RetryInfo: a Duration, as `"30s"` in JSON or `{seconds, nanos}` once decoded.
    const raw = asRecord(detail)?.['retryDelay'];
    const text = typeof raw === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(raw) : null;
    if (text) return Math.round(Number(text[1]) * 1000);
    const delay = asRecord(raw);
    const seconds = Number(delay?.['seconds'] ?? NaN);
    if (Number.isFinite(seconds))
      return Math.round(seconds * 1000 + Number(delay?.['nanos'] ?? 0) / 1e6);
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}
