import { z } from 'zod';
import { googleSettingsSchema } from '../channels/google/google-settings.js';
import {
  attributionSettingsSchema,
  defaultAttributionSettings,
} from '../domain/attribution/attribution-settings.js';
import { holdPolicySchema } from '../domain/holds/hold-policy.js';
import { bufferSettingsSchema } from '../engine/buffers/buffer-settings.js';
import { inventoryTables } from '../sources/netsuite/item-location-stock.js';
import type { InventoryTable } from '../sources/netsuite/item-location-stock.js';

const mode = z.enum(['shadow', 'publish']);

/** IANA zone names only: `Intl` refuses unknown ones, which is the check Node itself uses. */
const timeZone = z.string().refine(isIanaTimeZone, { message: 'not an IANA time zone' });

export const locationSettingsSchema = z
  .object({
    handle: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower case letters, digits, - and _'),
    name: z.string().optional(),
    kind: z.enum(['store', 'warehouse']).default('store'),
    timeZone: timeZone.optional(),
    googleStoreCode: z.string().min(1).max(64).optional(),
    shopifyLocationId: z
      .string()
      .regex(/^\d{1,20}$/, 'a numeric Shopify location id')
      .optional(),
    netsuiteId: z
      .string()
      .regex(/^\d{1,12}$/, 'a numeric NetSuite internal id')
      .optional(),
    managed: z.boolean().default(false),
    mode: mode.default('shadow'),
    bufferUnits: z.number().int().min(0).default(0),
    pickup: z
      .object({
        enabled: z.boolean().default(false),
        pickupTimeHours: z.number().positive().default(2),
      })
      .strict()
      .default({ enabled: false, pickupTimeHours: 2 }),
  })
  // A misspelt key is refused, not ignored: `bufferUnit: 3` would leave the buffer at 0.
  .strict();

const netsuiteId = z.string().regex(/^\d{1,12}$/, 'a numeric NetSuite internal id');
const secretText = z.string().min(1);

/**
 * `config.netsuite`: off while `accountId` is unset. The credentials the chosen scheme needs
 * are checked here, so a half-configured account fails at start rather than at the first call.
 */
export const netsuiteSettingsSchema = z
  .object({
    accountId: z
      .string()
      .regex(/^[0-9A-Za-z]+(?:[-_][0-9A-Za-z]+)*$/, 'a NetSuite account id such as 1234567_SB1')
      .optional(),
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    authScheme: z.enum(['m2m', 'tba']).default('m2m'),
    clientId: secretText.optional(),
    certificateId: secretText.optional(),
    privateKey: secretText.optional(),
    jwtAlgorithm: z.enum(['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']).default('PS256'),
    consumerKey: secretText.optional(),
    consumerSecret: secretText.optional(),
    tokenId: secretText.optional(),
    tokenSecret: secretText.optional(),
    maxConcurrentRequests: z.number().int().min(1).default(2),
    inventoryTable: z
      .enum(Object.keys(inventoryTables) as [InventoryTable, ...InventoryTable[]])
      .optional(),
    mode: mode.default('shadow'),
    adjustmentAccountId: netsuiteId.optional(),
    subsidiaryId: netsuiteId.optional(),
    postSales: z.boolean().default(false),
    connectorOrderDelaySeconds: z.number().int().min(0).default(1200),
    reconcileLookbackHours: z.number().positive().default(72),
    pollIntervalSeconds: z.number().positive().default(300),
    fullReadAtUtc: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM in UTC')
      .default('03:30'),
  })
  .strict()
  .superRefine((settings, ctx) => {
    if (settings.accountId === undefined) return;
    const needed =
      settings.authScheme === 'm2m'
        ? (['clientId', 'certificateId', 'privateKey'] as const)
        : (['consumerKey', 'consumerSecret', 'tokenId', 'tokenSecret'] as const);
    for (const key of needed) {
      if (settings[key] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `NetSuite ${settings.authScheme} authentication needs ${key}`,
        });
      }
    }
    if (settings.mode === 'publish' && settings.adjustmentAccountId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['adjustmentAccountId'],
        message: 'publishing to NetSuite needs the GL account count corrections are booked to',
      });
    }
  });

export const clientTokenSchema = z
  .object({
    name: z.string().min(1),
    token: z.string().min(16, 'client tokens are at least 16 characters'),
    scopes: z.array(z.enum(['read', 'write', 'admin'])).min(1),
  })
  .strict();

export const configSchema = z
  .object({
    port: z.number().int().min(0).max(65535),
    host: z.string(),
    databaseUrl: z.string().regex(/^(sqlite:|postgres:|postgresql:)/, 'sqlite:PATH or postgres://'),
    postgres: z
      .object({
        maxConnections: z.number().int().min(1).max(500),
        statementTimeoutMs: z.number().int().min(100),
      })
      .strict(),
    logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
    apiToken: z.string().min(16).optional(),
    tokens: z.array(clientTokenSchema),
    shopify: z
      .object({
        shop: z.string(),
        apiVersion: z.string().regex(/^\d{4}-\d{2}$|^unstable$/, 'YYYY-MM'),
        adminUrl: z.string().url().optional(),
        accessToken: z.string().optional(),
        clientId: z.string().optional(),
        clientSecret: z.string().optional(),
        webhookSecret: z.string().optional(),
        previousWebhookSecret: z.string().optional(),
        mode,
        coalesceWindowMs: z.number().int().min(0),
        levelsPerQuery: z.number().int().min(1).max(250),
        pointsPerSecond: z.number().positive(),
        requestTimeoutMs: z.number().int().min(1),
        maxPushAttempts: z.number().int().min(1),
        nightlyRereadAtUtc: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM in UTC'),
        appTomlPath: z.string().min(1),
      })
      .strict(),
    google: googleSettingsSchema,
    netsuite: netsuiteSettingsSchema,
    holds: holdPolicySchema,
    attribution: attributionSettingsSchema.default(defaultAttributionSettings),
    buffers: bufferSettingsSchema,
    outbox: z
      .object({
        pollIntervalMs: z.number().int().min(1),
        claimTtlSeconds: z.number().int().min(1),
        backoffBaseMs: z.number().int().min(1),
        batchSize: z.number().int().min(1),
      })
      .strict(),
    inbox: z
      .object({
        pollIntervalMs: z.number().int().min(1),
        maxBodyBytes: z.number().int().min(1024),
      })
      .strict(),
    api: z
      .object({
        requestsPerSecond: z.number().min(0),
        burstRequests: z.number().int().min(1),
      })
      .strict(),
    locations: z.array(locationSettingsSchema),
  })
  // A misspelt section (`shopfy:`) is refused, not ignored: it would leave the shop in shadow.
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.locations.forEach((location, index) => {
      if (seen.has(location.handle)) {
        ctx.addIssue({
          code: 'custom',
          path: ['locations', index, 'handle'],
          message: `duplicate handle "${location.handle}"`,
        });
      }
      seen.add(location.handle);
      if (location.managed && !location.timeZone) {
        ctx.addIssue({
          code: 'custom',
          path: ['locations', index, 'timeZone'],
          message: `managed location "${location.handle}" needs an IANA time zone`,
        });
      }
    });
  });

export type TrueshelfConfig = z.infer<typeof configSchema>;
export type LocationSettings = z.infer<typeof locationSettingsSchema>;
export type ClientToken = z.infer<typeof clientTokenSchema>;
export type Mode = z.infer<typeof mode>;
export type NetSuiteSettings = z.infer<typeof netsuiteSettingsSchema>;

export function isIanaTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}
