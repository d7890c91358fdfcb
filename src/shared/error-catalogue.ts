/**
 * The one catalogue of error codes. Each code has an HTTP status and what it means; the README's
 * "Error codes" table is checked against this list by a test.
 */
export const errorCatalogue = {
  invalid_request: { status: 400, meaning: 'the request body, query or headers failed validation' },
  invalid_json: { status: 400, meaning: 'the body is not valid JSON' },
  unauthorized: { status: 401, meaning: 'no client token, or an unknown one' },
  invalid_signature: { status: 401, meaning: 'the webhook HMAC is missing or does not verify' },
  forbidden: { status: 403, meaning: 'the client token lacks the scope this route needs' },
  not_found: { status: 404, meaning: 'no such resource' },
  unknown_location: { status: 404, meaning: 'no location with that handle or id' },
  unknown_item: { status: 404, meaning: 'no item with that id or SKU' },
  conflict: { status: 409, meaning: 'the request conflicts with the current state' },
  insufficient_stock: { status: 409, meaning: 'not enough sellable units for the request' },
  ambiguous_sku: { status: 409, meaning: 'the SKU matches more than one item; name the item id' },
  buffer_rules_invalid: {
    status: 422,
    meaning: 'the buffer rules failed validation; every issue is listed with its path',
  },
  idempotency_mismatch: {
    status: 422,
    meaning: 'the Idempotency-Key was used before with a different body',
  },
  hold_not_offered: {
    status: 422,
    meaning: 'the hold policy offers no hold for this item at this location (details say why)',
  },
  not_replayable: {
    status: 409,
    meaning: 'only parked pushes or unprocessable deliveries can be replayed',
  },
  payload_too_large: { status: 413, meaning: 'the body is over the size limit' },
  unsupported_media_type: { status: 415, meaning: 'the body is not JSON' },
  rate_limited: { status: 429, meaning: 'too many requests from this client; wait and retry' },
  storage_failure: { status: 503, meaning: 'the store could not commit; the sender should retry' },
  internal: { status: 500, meaning: 'an unexpected fault; see the server log for the request id' },
  config_invalid: { status: 500, meaning: 'the configuration failed validation at start' },
  shopify_api_error: { status: 502, meaning: 'Shopify answered with an error' },
  shopify_throttled: { status: 503, meaning: 'Shopify throttled the request beyond our budget' },
  count_rows_rejected: {
    status: 422,
    meaning:
      'the count file has bad rows, each listed with its line and reason; nothing was imported',
  },
  invalid_count_file: {
    status: 422,
    meaning: 'the count file is empty, or its header row lacks a required column',
  },
  corrections_not_applied: {
    status: 409,
    meaning: 'a group of count corrections did not go through; the outcomes say what was applied',
  },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** A fault with a stable code. `details` says what was seen, where and what was expected. */
export class TrueshelfError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TrueshelfError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
  }
}

/** At every catch: turn `unknown` into an Error, keeping the original as `cause`. */
export function toError(thrown: unknown, context?: string): Error {
  if (thrown instanceof Error) return thrown;
  const message = context ? `${context}: ${String(thrown)}` : String(thrown);
  return new Error(message, { cause: thrown });
}
