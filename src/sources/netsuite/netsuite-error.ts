/**
 * Codes for NetSuite faults. They follow the shape of the shared catalogue
 * (`src/shared/error-catalogue.ts`: a status trueshelf answers with and what the code means) so
 * that the catalogue can take them over as they are; until then they live next to the client.
 */
export const netSuiteErrorCatalogue = {
  netsuite_invalid_account_id: {
    status: 500,
    meaning: 'the configured NetSuite account id is not a NetSuite account id',
  },
  netsuite_unsafe_literal: {
    status: 500,
    meaning: 'a value to be inlined into SuiteQL is not a safe integer or timestamp literal',
  },
  netsuite_invalid_record: {
    status: 500,
    meaning: 'a record we were about to send is malformed (an id that is not an integer, no lines)',
  },
  netsuite_unauthorized: {
    status: 502,
    meaning: 'NetSuite refused the login (401 INVALID_LOGIN): credentials, realm form or role',
  },
  netsuite_forbidden: { status: 502, meaning: 'the role lacks a permission the request needs' },
  netsuite_not_found: { status: 502, meaning: 'NetSuite has no such record or path' },
  netsuite_request_refused: {
    status: 502,
    meaning: 'NetSuite refused the request as invalid (see o:errorDetails)',
  },
  netsuite_concurrency_limit: {
    status: 503,
    meaning: "the account's concurrency limit kept refusing after every retry",
  },
  netsuite_unavailable: { status: 503, meaning: 'NetSuite answered 5xx or could not be reached' },
  netsuite_token_refused: {
    status: 502,
    meaning: 'the OAuth 2.0 token endpoint refused the client credentials grant',
  },
  netsuite_bad_response: {
    status: 502,
    meaning: 'NetSuite answered 2xx with a body or value we cannot read',
  },
  netsuite_row_cap: {
    status: 502,
    meaning: 'a SuiteQL query would pass the 100,000-row cap; page by key instead',
  },
} as const;

export type NetSuiteErrorCode = keyof typeof netSuiteErrorCatalogue;

/** One entry of NetSuite's `o:errorDetails`. */
export interface NetSuiteErrorDetail {
  readonly detail: string;
  /** `o:errorCode`, e.g. `INVALID_LOGIN`, `CONCURRENCY_LIMIT_EXCEEDED`, `USER_ERROR`. */
  readonly errorCode: string | undefined;
  /** `o:errorPath`, `o:errorQueryParam` or `o:errorHeader`: what the detail is about. */
  readonly errorAt: string | undefined;
}

export interface NetSuiteErrorFacts {
  /** What we were doing, e.g. `suiteql page (location 5)`. */
  readonly where: string;
  /** The HTTP status NetSuite answered with, when it answered. */
  readonly netsuiteStatus?: number;
  readonly details?: readonly NetSuiteErrorDetail[];
  readonly [fact: string]: unknown;
}

/** A NetSuite fault with a stable code; the original failure, if any, is the `cause`. */
export class NetSuiteError extends Error {
  readonly code: NetSuiteErrorCode;
  readonly status: number;
  readonly facts: NetSuiteErrorFacts;

  constructor(
    code: NetSuiteErrorCode,
    message: string,
    facts: NetSuiteErrorFacts,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NetSuiteError';
    this.code = code;
    this.status = netSuiteErrorCatalogue[code].status;
    this.facts = facts;
  }

  /** Every `o:errorCode` NetSuite gave, in order. */
  get netsuiteCodes(): readonly string[] {
    const codes = (this.facts.details ?? []).map((detail) => detail.errorCode);
    return codes.filter((code): code is string => code !== undefined);
  }
}
