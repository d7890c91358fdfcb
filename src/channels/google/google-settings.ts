import { z } from 'zod';
import type { Setting } from '../../config/settings.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { MerchantApiEndpoint } from './google-local-inventory-publisher.js';
import { pickupMethods, pickupSlas } from './local-inventory-row.js';

const units = z.number().int().min(0);

/**
 * The Google channel's configuration, `config.google`. Flat on purpose: every scalar maps to one
 * `TRUESHELF_GOOGLE_<SETTING>` variable (see `googleSettingEntries`). Units are in the names.
 */
export const googleSettingsSchema = z
  .strictObject({
    mode: z.enum(['shadow', 'publish']).default('shadow'),
    /*
     * One path per Merchant account: inserts through the API, or a feed file the shop uploads.
     * Never both, since a file processed late would overwrite newer API values.
     */
    deliveryPath: z.enum(['api', 'file']).default('api'),
    merchantAccountId: z
      .string()
      .regex(/^\d{1,20}$/, 'a numeric Merchant Center account id')
      .optional(),
    endpoint: z.url({ protocol: /^https?$/ }).default('https://merchantapi.googleapis.com'),
    serviceAccountFile: z.string().min(1).optional(),
    serviceAccountJson: z.string().min(1).optional(),
    /** A fixed OAuth access token; the sandbox and tests use it instead of a service account. */
    accessToken: z.string().min(1).optional(),
    contentLanguage: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'an ISO 639 language code such as en')
      .default('en'),
    feedLabel: z
      .string()
      .regex(/^[A-Z0-9_-]{1,20}$/, 'up to 20 of A-Z, 0-9, - and _')
      .default('US'),
    /** `{country}` in the offer-id template; the feed label when not set. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166 country code such as US')
      .optional(),
    offerIdTemplate: z.string().min(1).default('{sku}'),
    /** Exceptions by trueshelf item id (config file only). */
    offerIdOverrides: z.record(z.string(), z.string().min(1)).default({}),
    alwaysEncodeProductIds: z.boolean().default(false),
    inStockFromUnits: z.number().int().min(1).default(3),
    limitedFromUnits: z.number().int().min(1).default(1),
    zeroAtOrBelowUnits: units.optional(),
    maxShownUnits: units.optional(),
    quantityDebounceSeconds: units.default(60),
    insertsPerMinute: z.number().int().min(1).default(600),
    pickupMethod: z.enum(pickupMethods).default('BUY'),
    pickupSla: z.enum(pickupSlas).default('SAME_DAY'),
    timeoutMs: z.number().int().min(1).default(30_000),
    maxPushAttempts: z.number().int().min(1).default(8),
  })
  .superRefine((settings, ctx) => {
    if (settings.limitedFromUnits > settings.inStockFromUnits) {
      ctx.addIssue({
        code: 'custom',
        path: ['limitedFromUnits'],
        message:
          `limitedFromUnits ${settings.limitedFromUnits} is above ` +
          `inStockFromUnits ${settings.inStockFromUnits}`,
      });
    }
    if (
      settings.mode === 'publish' &&
      settings.deliveryPath === 'api' &&
      !settings.merchantAccountId
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['merchantAccountId'],
        message: 'publishing through the API needs the Merchant Center account id',
      });
    }
  });

export type GoogleSettings = z.output<typeof googleSettingsSchema>;
export type GoogleSettingsInput = z.input<typeof googleSettingsSchema>;

/**
 * The settings from `config.google`, with the schema's defaults for what it lacks (until the
 * config schema carries them all). `overrides` win; tests use them to point at the sandbox.
 */
export function googleSettingsFrom(
  config: { readonly google?: unknown },
  overrides: GoogleSettingsInput = {},
): GoogleSettings {
  const base = typeof config.google === 'object' && config.google !== null ? config.google : {};
  const parsed = googleSettingsSchema.safeParse({ ...base, ...overrides });
  if (parsed.success) return parsed.data;

  const problems = parsed.error.issues.map((i) => `google.${i.path.join('.')}: ${i.message}`);
  const message = `the Google settings are invalid: ${problems.join('; ')}`;
  throw new TrueshelfError('config_invalid', message, { problems });
}

/** `https://host[:port]` as the client wants it; a bracketed IPv6 host loses its brackets. */
export function merchantEndpointFrom(url: string): MerchantApiEndpoint {
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https';
  const port = parsed.port ? Number(parsed.port) : protocol === 'https' ? 443 : 80;
  return { apiEndpoint: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port, protocol };
}

const google = (
  name: string,
  kind: Setting['kind'],
  description: string,
  extra: Pick<Setting, 'default' | 'secret'> = {},
): Setting => ({
  path: `google.${name}`,
  env: `TRUESHELF_GOOGLE_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
  kind,
  ...extra,
  description,
});

/**
 * The entries for `src/config/settings.ts`, in its shape. `google.mode` is there already;
 * `offerIdOverrides` is a mapping and so comes from the config file only.
 */
export const googleSettingEntries: readonly Setting[] = [
  google(
    'deliveryPath',
    'string',
    '`api` (inserts) or `file` (the shop uploads the feed); never both for one account',
    { default: 'api' },
  ),
  google('merchantAccountId', 'string', 'Merchant Center account id (numeric)'),
  google('endpoint', 'string', 'Merchant API base URL (the sandbox uses `http://127.0.0.1:PORT`)', {
    default: 'https://merchantapi.googleapis.com',
  }),
  google(
    'serviceAccountFile',
    'string',
    'path of the service-account key file (else GOOGLE_APPLICATION_CREDENTIALS)',
  ),
  google(
    'serviceAccountJson',
    'string',
    'the service-account key JSON itself; wins over the file',
    { secret: true },
  ),
  google(
    'accessToken',
    'string',
    'fixed OAuth access token instead of a service account (sandbox and tests)',
    { secret: true },
  ),
  google('contentLanguage', 'string', 'language of the Merchant Center products', {
    default: 'en',
  }),
  google('feedLabel', 'string', 'feed label of the Merchant Center products', { default: 'US' }),
  google('country', 'string', '`{country}` in the offer-id template (defaults to the feed label)'),
  google(
    'offerIdTemplate',
    'string',
    'offer id per item from {sku} {barcode} {itemId} {productId} {variantId} {country}',
    { default: '{sku}' },
  ),
  google(
    'alwaysEncodeProductIds',
    'boolean',
    'send every product id as base64url, not only those with reserved characters',
    { default: false },
  ),
  google('inStockFromUnits', 'integer', 'at or above this many units a store is in stock', {
    default: 3,
  }),
  google(
    'limitedFromUnits',
    'integer',
    'at or above this (below in stock) it is limited availability',
    { default: 1 },
  ),
  google('zeroAtOrBelowUnits', 'integer', 'Google shows 0 when sellable is at or below this'),
  google('maxShownUnits', 'integer', 'Google is never shown more than this many units'),
  google(
    'quantityDebounceSeconds',
    'integer',
    'a quantity-only change waits this long (band changes go at once)',
    { default: 60 },
  ),
  google('insertsPerMinute', 'integer', 'rate budget of local inventory inserts, per process', {
    default: 600,
  }),
  google(
    'pickupMethod',
    'string',
    'pickup method at stores with pickup: BUY, RESERVE, SHIP_TO_STORE or NOT_SUPPORTED',
    { default: 'BUY' },
  ),
  google(
    'pickupSla',
    'string',
    'shortest pickup SLA promised; a longer store pickup time raises it',
    { default: 'SAME_DAY' },
  ),
  google('timeoutMs', 'integer', 'timeout of one Merchant API call', { default: 30_000 }),
  google('maxPushAttempts', 'integer', 'attempts before a Google push is parked', { default: 8 }),
];
