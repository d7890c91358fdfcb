import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { TrueshelfError } from '../../src/shared/error-catalogue.js';

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'trueshelf-config-')), 'trueshelf.yaml');
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('layers defaults < file < environment < flags', () => {
    const file = configFile(
      'port: 4000\nshopify:\n  shop: file.myshopify.com\n  levelsPerQuery: 30\n',
    );

    const config = loadConfig({
      file,
      env: { PORT: '5000', TRUESHELF_SHOPIFY_SHOP: 'env.myshopify.com' },
      flags: { port: '6000' },
    });

    expect(config.port).toBe(6000);
    expect(config.shopify.shop).toBe('env.myshopify.com');
    expect(config.shopify.levelsPerQuery).toBe(30);
    expect(config.shopify.apiVersion).toBe('2026-04');
    expect(config.databaseUrl).toBe('sqlite:./var/trueshelf.db');
  });

  it('is frozen all the way down', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.shopify)).toBe(true);
  });

  it('refuses a managed location without a time zone, naming where', () => {
    const file = configFile('locations:\n  - handle: downtown\n    managed: true\n');

    expect(() => loadConfig({ file })).toThrow(
      /locations\.0\.timeZone: managed location "downtown" needs an IANA time zone/,
    );
  });

  it('refuses a time zone that is not IANA and a port that is not a number', () => {
    const file = configFile('locations:\n  - handle: downtown\n    timeZone: Mars/Olympus\n');
    expect(() => loadConfig({ file })).toThrow(/locations\.0\.timeZone: not an IANA time zone/);

    let error: unknown;
    try {
      loadConfig({ env: { PORT: 'eighty' } });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(TrueshelfError);
    expect((error as TrueshelfError).code).toBe('config_invalid');
    expect((error as TrueshelfError).message).toContain('PORT="eighty" is not a number');
  });

  it('refuses a misspelt key, in a location, a section or at the top, naming it', () => {
    const inLocation = configFile('locations:\n  - handle: downtown\n    bufferUnit: 3\n');
    expect(() => loadConfig({ file: inLocation })).toThrow(
      /locations\.0: Unrecognized key: "bufferUnit"/,
    );

    const atTop = configFile('shopfy:\n  mode: publish\n');
    expect(() => loadConfig({ file: atTop })).toThrow(/Unrecognized key: "shopfy"/);

    const inSection = configFile('google:\n  mod: publish\n');
    expect(() => loadConfig({ file: inSection })).toThrow(/google: Unrecognized key: "mod"/);
  });

  it('says what it saw beside what it expected, for a plain setting', () => {
    expect(() => loadConfig({ env: { TRUESHELF_NETSUITE_FULL_READ_AT_UTC: '25:00' } })).toThrow(
      /netsuite\.fullReadAtUtc: HH:MM in UTC \(seen "25:00"\)/,
    );
    const file = configFile('locations:\n  - handle: downtown\n    bufferUnits: -1\n');
    expect(() => loadConfig({ file })).toThrow(/locations\.0\.bufferUnits: .* \(seen -1\)/);
  });

  it('never shows a secret in an error', () => {
    expect(() =>
      loadConfig({
        env: {
          TRUESHELF_SHOPIFY_POINTS_PER_SECOND: 'x',
          TRUESHELF_SHOPIFY_CLIENT_SECRET: 'shh-very-secret',
        },
      }),
    ).toThrow(/TRUESHELF_SHOPIFY_POINTS_PER_SECOND="x"/);
    // A client token too short: the check is named, the token never shown.
    let message = '';
    try {
      loadConfig({ flags: { tokens: [{ name: 'web', token: 'short-secret', scopes: ['read'] }] } });
    } catch (thrown) {
      message = (thrown as Error).message;
    }
    expect(message).toContain('tokens.0.token: client tokens are at least 16 characters');
    expect(message).not.toContain('short-secret');
  });
});
