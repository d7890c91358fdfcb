import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GoogleSettingsInput } from '../../../src/channels/google/google-settings.js';
import { registerFeedCommand } from '../../../src/cli/feed-command.js';
import { startGoogleSandbox } from '../../../src/sandbox/google/start-google-sandbox.js';
import type { GoogleSandbox } from '../../../src/sandbox/google/start-google-sandbox.js';
import { openTestDatabase, testEngine } from '../../support/test-storage.js';
import type { TestDatabase } from '../../support/test-storage.js';
import { seedFeedChain } from './feed-chain.js';
import { loopbackHosts, watchOutboundHosts } from './loopback-guard.js';

const account = '4242';
const local = ['LOCAL_INVENTORY_ADS'];

describe(`trueshelf feed google on ${testEngine}`, () => {
  let database: TestDatabase;
  let dir: string;
  let sandbox: GoogleSandbox | null = null;
  const guard = watchOutboundHosts();

  beforeEach(async () => {
    database = await openTestDatabase();
    await seedFeedChain(database.storage.db);
    dir = mkdtempSync(join(tmpdir(), 'trueshelf-feed-'));
    // The environment outranks a config file, so this is the database the command opens.
    vi.stubEnv('TRUESHELF_DATABASE_URL', database.url);
  });

  afterEach(async () => {
    vi.unstubAllEnvs();
    for (const host of guard.hosts()) expect(loopbackHosts).toContain(host);
    await sandbox?.close();
    sandbox = null;
    rmSync(dir, { recursive: true, force: true });
    await database.close();
  });

  async function run(args: string[], google: GoogleSettingsInput = {}) {
    const out: string[] = [];
    const err: string[] = [];
    let exitCode: number | null = null;
    const program = new Command().exitOverride();
    registerFeedCommand(program, {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
      google,
      setExitCode: (code) => (exitCode = code),
    });
    await program.parseAsync(['feed', 'google', ...args], { from: 'user' });
    return { stdout: out.join(''), stderr: err.join(''), exitCode };
  }

  it('writes the TSV feed, each line worked out by hand, and sums it up per store', async () => {
    const file = join(dir, 'local-inventory.tsv');
    const result = await run(['--format', 'tsv', '--out', file], { deliveryPath: 'file' });

    expect(readFileSync(file, 'utf8').split('\n')).toEqual([
      'id\tstore_code\tavailability\tquantity\tpickup_method\tpickup_sla',
      'TEE-1\tS-EAST\tout_of_stock\t0\tbuy\t2-day',
      'TEE-1\tS-NORTH\tin_stock\t10\tbuy\tsame day',
      'TEE-1\tS-SOUTH\tin_stock\t5\tnot supported\t',
      'mug/12oz\tS-EAST\tin_stock\t4\tbuy\t2-day',
      'mug/12oz\tS-NORTH\tlimited_availability\t2\tbuy\tsame day',
      'mug/12oz\tS-SOUTH\tout_of_stock\t0\tnot supported\t',
      'CAP-RED\tS-EAST\tin_stock\t3\tbuy\t2-day',
      'CAP-RED\tS-NORTH\tout_of_stock\t0\tbuy\tsame day',
      'CAP-RED\tS-SOUTH\tlimited_availability\t1\tnot supported\t',
      'SOCK-9\tS-EAST\tlimited_availability\t1\tbuy\t2-day',
      'SOCK-9\tS-NORTH\tin_stock\t3\tbuy\tsame day',
      'SOCK-9\tS-SOUTH\tlimited_availability\t2\tnot supported\t',
      'HAT-2\tS-EAST\tlimited_availability\t2\tbuy\t2-day',
      'HAT-2\tS-NORTH\tlimited_availability\t1\tbuy\tsame day',
      'HAT-2\tS-SOUTH\tin_stock\t7\tnot supported\t',
      '',
    ]);
    expect(existsSync(`${file}.partial`)).toBe(false);

    const each = 'in_stock 2, limited_availability 2, on_display_to_order 0, out_of_stock 1';
    expect(result.stdout.split('\n')).toEqual([
      `wrote 15 rows to ${file} (tsv): in_stock 6, limited_availability 6, on_display_to_order 0, out_of_stock 3`,
      `  store S-EAST: 5 rows: ${each}`,
      `  store S-NORTH: 5 rows: ${each}`,
      `  store S-SOUTH: 5 rows: ${each}`,
      'left out 1 item(s) with no offer id:',
      "  item f-blank: the offer-id template '{sku}' needs sku",
      '',
    ]);
  });

  it('writes the XML feed with only the fields each item has', async () => {
    const file = join(dir, 'local-inventory.xml');
    await run(['--format', 'xml', '--out', file], { deliveryPath: 'file' });

    const xml = readFileSync(file, 'utf8');
    expect(xml.match(/<item>/g)).toHaveLength(15);
    expect(xml).toContain(
      '    <item>\n' +
        '      <g:id>TEE-1</g:id>\n' +
        '      <g:store_code>S-SOUTH</g:store_code>\n' +
        '      <g:availability>in_stock</g:availability>\n' +
        '      <g:quantity>5</g:quantity>\n' +
        '      <g:pickup_method>not supported</g:pickup_method>\n' +
        '    </item>\n',
    );
  });

  it('warns that an API account must not also get the file', async () => {
    const result = await run(['--out', join(dir, 'feed.tsv')]);
    expect(result.stdout).toContain(
      'note: google.deliveryPath is api: do not also upload this file',
    );
  });

  it('--check lists what Google would drop, asking Merchant Center, and exits 1', async () => {
    sandbox = await startGoogleSandbox();
    for (const offerId of ['TEE-1', 'mug/12oz', 'CAP-RED']) {
      sandbox.store.addProduct(account, {
        contentLanguage: 'en',
        feedLabel: 'US',
        offerId,
        destinations: local,
      });
    }
    const google = {
      merchantAccountId: account,
      endpoint: sandbox.url,
      accessToken: sandbox.accessToken,
    };

    const result = await run(['--check', '--store-codes', 'S-NORTH, S-SOUTH,s-east'], google);

    expect(result.stdout.split('\n')).toEqual([
      'item f-blank: no offer id; the offer-id template needs a value this item lacks',
      'item d-sock: no Merchant Center product en~US~SOCK-9',
      'item e-hat: no Merchant Center product en~US~HAT-2',
      'location west: no Google store code configured',
      "location east: store code 'S-EAST' is not a Business Profile store code Google knows; Google has 's-east' (store codes are case-sensitive and exact)",
      // 6 live items, f-blank without a SKU; 5 looked up, SOCK-9 and HAT-2 not in Merchant
      // Center; 4 stores, west without a code; of the 3 codes set, S-EAST is not among those given.
      'checked, with the problems above:',
      '  offer ids: 1 of 6 item(s) have none',
      '  Merchant Center products: 2 of 5 item(s) looked up have none',
      '  store codes: 1 of 4 store(s) have none',
      '  store codes in the Business Profile: 1 of 3 configured are not among the 3 given by --store-codes',
      'not checked:',
      '  product destinations: needs the Merchant API products client (@google-shopping/products)',
      '  Cloud project registration: each Cloud project must do the Merchant API one-time developer registration (registerGcp) before any v1 call works',
      'google setup: blocking problems above',
      '',
    ]);
    expect(result.exitCode).toBe(1);
    // One lookup per item with an offer id: five.
    expect(sandbox.store.requests.filter((r) => r.method === 'GET')).toHaveLength(5);
  });

  it('--check passes what it checked, lists what it did not, and does not call that ok', async () => {
    const { db } = database.storage;
    await db.deleteFrom('decisions').execute();
    await db.deleteFrom('items').where('id', 'in', ['d-sock', 'e-hat', 'f-blank']).execute();
    await db.deleteFrom('locations').where('handle', '=', 'west').execute();

    const result = await run(['--check', '--store-codes', 'S-NORTH,S-SOUTH,S-EAST']);

    expect(result.exitCode).toBeNull();
    expect(result.stdout.split('\n')).toEqual([
      'checked and passed:',
      '  offer ids: all 3 item(s) map to one',
      '  store codes: all 3 store(s) have one',
      '  store codes in the Business Profile: all 3 configured are among the 3 given by --store-codes',
      'not checked:',
      '  Merchant Center products: no Merchant Center account and endpoint configured',
      '  product destinations: needs the Merchant API products client (@google-shopping/products)',
      '  Cloud project registration: each Cloud project must do the Merchant API one-time developer registration (registerGcp) before any v1 call works',
      'google setup: the 3 part(s) checked passed; 3 not checked (listed above)',
      '',
    ]);
    expect(result.stdout).not.toMatch(/\bok\b/);
  });

  it('--check with a probe limit lists the products it did not look up as not checked', async () => {
    sandbox = await startGoogleSandbox();
    for (const offerId of ['TEE-1', 'mug/12oz']) {
      sandbox.store.addProduct(account, {
        contentLanguage: 'en',
        feedLabel: 'US',
        offerId,
        destinations: local,
      });
    }
    const google = {
      merchantAccountId: account,
      endpoint: sandbox.url,
      accessToken: sandbox.accessToken,
    };

    const result = await run(['--check', '--probe-limit', '2'], google);

    // Items in id order: a-tee (TEE-1) and b-mug (mug/12oz) are looked up and found; c-cap,
    // d-sock and e-hat, the other three with an offer id, are not looked up.
    const lines = result.stdout.split('\n');
    expect(lines).toContain('  Merchant Center products: all 2 item(s) looked up have one');
    expect(lines).toContain('  Merchant Center products: 3 more item(s) past --probe-limit 2');
    expect(lines.indexOf('not checked:')).toBeLessThan(
      lines.indexOf('  Merchant Center products: 3 more item(s) past --probe-limit 2'),
    );
    expect(sandbox.store.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
  });
});
