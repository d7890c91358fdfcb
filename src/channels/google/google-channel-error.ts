/**
 * Codes for Google channel faults. They follow the shape of the shared catalogue
 * (`src/shared/error-catalogue.ts`) so the catalogue can take them over as they are; until then
 * they live next to the channel. Expected outcomes (Google refusing a row) are typed results,
 * not these.
 */
export const googleErrorCatalogue = {
  google_offer_id_template_invalid: {
    status: 500,
    meaning: 'the configured offer-id template names a field trueshelf does not know',
  },
  google_credentials_invalid: {
    status: 500,
    meaning: 'the service-account credentials are missing, unreadable or not a service account',
  },
  google_feed_column_undeclared: {
    status: 500,
    meaning: 'a feed row carries a value in a TSV column the header was written without',
  },
  google_feed_unreadable: {
    status: 400,
    meaning: 'a local inventory TSV file has no id/store_code header or a malformed line',
  },
} as const;

export type GoogleErrorCode = keyof typeof googleErrorCatalogue;

export class GoogleChannelError extends Error {
  readonly code: GoogleErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(
    code: GoogleErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GoogleChannelError';
    this.code = code;
    this.status = googleErrorCatalogue[code].status;
    this.details = details;
  }
}
