import { describe, expect, it } from 'vitest';
import {
  googleSettingEntries,
  googleSettingsFrom,
  googleSettingsSchema,
  merchantEndpointFrom,
} from '../../../src/channels/google/google-settings.js';
import { loadConfig } from '../../../src/config/load-config.js';

describe('google settings', () => {
  it('fill every default when the config says nothing about Google', () => {
    expect(googleSettingsFrom({})).toEqual({
      mode: 'shadow',
      deliveryPath: 'api',
      endpoint: 'https://merchantapi.googleapis.com',
      contentLanguage: 'en',
      feedLabel: 'US',
      offerIdTemplate: '{sku}',
      offerIdOverrides: {},
      alwaysEncodeProductIds: false,
      inStockFromUnits: 3,
      limitedFromUnits: 1,
      quantityDebounceSeconds: 60,
      insertsPerMinute: 600,
      pickupMethod: 'BUY',
      pickupSla: 'SAME_DAY',
      timeoutMs: 30_000,
      maxPushAttempts: 8,
    });
  });

  it('read what the loaded config carries and default the rest', () => {
    const config = loadConfig({
      flags: { 'google.mode': 'publish', 'google.merchantAccountId': '123' },
    });
    const settings = googleSettingsFrom(config);
    expect(settings).toMatchObject({ mode: 'publish', merchantAccountId: '123', feedLabel: 'US' });
  });

  it('refuse publishing through the API without an account id', () => {
    expect(() => googleSettingsFrom({ google: { mode: 'publish' } })).toThrow(
      'google.merchantAccountId: publishing through the API needs the Merchant Center account id',
    );
    // The file path needs no account: the shop uploads the file itself.
    expect(googleSettingsFrom({ google: { mode: 'publish', deliveryPath: 'file' } }).mode).toBe(
      'publish',
    );
  });

  it('refuse a limited band that starts above the in-stock band', () => {
    expect(() =>
      googleSettingsFrom({ google: { limitedFromUnits: 4, inStockFromUnits: 3 } }),
    ).toThrow('limitedFromUnits 4 is above inStockFromUnits 3');
  });

  it('name every setting TRUESHELF_GOOGLE_<SETTING>, with the schema default', () => {
    const defaults = googleSettingsSchema.parse({}) as Record<string, unknown>;
    expect(googleSettingEntries.find((e) => e.path === 'google.merchantAccountId')?.env).toBe(
      'TRUESHELF_GOOGLE_MERCHANT_ACCOUNT_ID',
    );
    expect(googleSettingEntries.find((e) => e.path === 'google.inStockFromUnits')?.env).toBe(
      'TRUESHELF_GOOGLE_IN_STOCK_FROM_UNITS',
    );
    for (const entry of googleSettingEntries) {
      const name = entry.path.replace(/^google\./, '');
      expect(entry.env).toBe(`TRUESHELF_GOOGLE_${name.replace(/([A-Z])/g, '_$1').toUpperCase()}`);
      expect(entry.default, entry.path).toEqual(defaults[name]);
    }
    // Every scalar of the schema is listed, except mode (already in src/config/settings.ts).
    const listed = new Set(googleSettingEntries.map((e) => e.path.replace(/^google\./, '')));
    const scalars = Object.keys(googleSettingsSchema.shape).filter((k) => k !== 'offerIdOverrides');
    expect(scalars.filter((k) => !listed.has(k))).toEqual(['mode']);
  });

  it('mark the key JSON and the access token as secrets', () => {
    const secrets = googleSettingEntries.filter((e) => e.secret).map((e) => e.path);
    expect(secrets).toEqual(['google.serviceAccountJson', 'google.accessToken']);
  });

  it('turn the endpoint URL into what the client takes', () => {
    expect(merchantEndpointFrom('https://merchantapi.googleapis.com')).toEqual({
      apiEndpoint: 'merchantapi.googleapis.com',
      port: 443,
      protocol: 'https',
    });
    expect(merchantEndpointFrom('http://127.0.0.1:4010')).toEqual({
      apiEndpoint: '127.0.0.1',
      port: 4010,
      protocol: 'http',
    });
    expect(merchantEndpointFrom('http://[::1]:4011/')).toEqual({
      apiEndpoint: '::1',
      port: 4011,
      protocol: 'http',
    });
  });
});
