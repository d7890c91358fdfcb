import { z } from 'zod';
import { googleSettingsSchema } from '../channels/google/google-settings.js';
import { holdPolicySchema } from '../domain/holds/hold-policy.js';

const mode = z.enum(['shadow', 'publish']);

/** IANA zone names only: `Intl` refuses unknown ones, which is the check Node itself uses. */
const timeZone = z.string().refine(isIanaTimeZone, { message: 'not an IANA time zone' });

export const locationSettingsSchema = z.object({
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
    .default({ enabled: false, pickupTimeHours: 2 }),
});

export const clientTokenSchema = z.object({
  name: z.string().min(1),
  token: z.string().min(16, 'client tokens are at least 16 characters'),
  scopes: z.array(z.enum(['read', 'write', 'admin'])).min(1),
});

export const configSchema = z
  .object({
    port: z.number().int().min(0).max(65535),
    host: z.string(),
    databaseUrl: z.string().regex(/^(sqlite:|postgres:|postgresql:)/, 'sqlite:PATH or postgres://'),
    postgres: z.object({
      maxConnections: z.number().int().min(1).max(500),
      statementTimeoutMs: z.number().int().min(100),
    }),
    logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
    apiToken: z.string().min(16).optional(),
    tokens: z.array(clientTokenSchema),
    shopify: z.object({
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
      maxPushAttempts: z.number().int().min(1),
    }),
    google: googleSettingsSchema,
    holds: holdPolicySchema,
    outbox: z.object({
      pollIntervalMs: z.number().int().min(1),
      claimTtlSeconds: z.number().int().min(1),
      backoffBaseMs: z.number().int().min(1),
      batchSize: z.number().int().min(1),
    }),
    inbox: z.object({
      pollIntervalMs: z.number().int().min(1),
      maxBodyBytes: z.number().int().min(1024),
    }),
    locations: z.array(locationSettingsSchema),
  })
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

export function isIanaTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}
