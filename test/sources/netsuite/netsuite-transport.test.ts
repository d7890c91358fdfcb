import { afterEach, describe, expect, it } from 'vitest';
import { createNetSuiteClient } from '../../../src/sources/netsuite/netsuite-client.js';
import { NetSuiteError } from '../../../src/sources/netsuite/netsuite-error.js';
import { ACCOUNT_ID, startTbaHarness, stockLocation } from './netsuite-fixture.js';
import type { TbaHarness } from './netsuite-fixture.js';

let harness: TbaHarness | undefined;

afterEach(async () => {
  await harness?.sandbox.close();
  harness = undefined;
});

async function start(...args: Parameters<typeof startTbaHarness>): Promise<TbaHarness> {
  harness = await startTbaHarness(...args);
  return harness;
}

describe('the NetSuite transport', () => {
  it('signs with TBA in realm form, which the sandbox verifies independently', async () => {
    const { sandbox, client } = await start();
    stockLocation(sandbox, '7', 3);

    const { rows } = await client.stock.read({ locations: ['7'] });

    expect(rows).toHaveLength(3);
    expect(client.realm).toBe('1234567_SB1');
    expect(sandbox.store.authFailures).toEqual([]);
  });

  it('a signature for another account is refused as netsuite_unauthorized, without a retry', async () => {
    const { sandbox, client } = await start({ accountId: '7654321' });

    const read = client.stock.read({ locations: ['7'] });

    await expect(read).rejects.toThrow(NetSuiteError);
    await expect(read).rejects.toMatchObject({ code: 'netsuite_unauthorized' });
    expect(sandbox.store.authFailures[0]).toContain('realm');
    expect(sandbox.store.requests).toHaveLength(1);
  });

  it('keeps parallel requests under its cap, so the account limit never refuses one', async () => {
    // Each fetch yields to the event loop before it goes out, so without the cap all eight
    // would be in flight together.
    let inFetch = 0;
    let maxInFetch = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      inFetch += 1;
      maxInFetch = Math.max(maxInFetch, inFetch);
      try {
        await new Promise((resolve) => setImmediate(resolve));
        return await fetch(input, init);
      } finally {
        inFetch -= 1;
      }
    };
    const { sandbox, client, sleeps } = await start(
      { concurrencyLimit: 2 },
      { maxConcurrentRequests: 2, fetch: countingFetch },
    );
    const locations = ['1', '2', '3', '4', '5', '6', '7', '8'];
    for (const location of locations) stockLocation(sandbox, location, 2);

    const reads = await Promise.all(
      locations.map((location) => client.stock.read({ locations: [location] })),
    );

    expect(reads.map((read) => read.rows.length)).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    expect(maxInFetch).toBe(2);
    expect(sandbox.store.maxInFlight).toBeLessThanOrEqual(2);
    expect(sleeps).toEqual([]);
  });

  it('gives up after maxAttempts refusals with netsuite_concurrency_limit', async () => {
    const { sandbox, client, sleeps } = await start(
      {},
      { backoff: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 }, random: () => 0 },
    );
    sandbox.store.rejectNextRequests(5);

    const read = client.stock.read({ locations: ['7'] });

    await expect(read).rejects.toMatchObject({
      code: 'netsuite_concurrency_limit',
      facts: { attempts: 3, netsuiteStatus: 429 },
    });
    // Ceilings 100 and 200 with random 0: half of each.
    expect(sleeps).toEqual([50, 100]);
    expect(sandbox.store.requests).toHaveLength(3);
  });

  it('retries a 400 carrying CONCURRENCY_LIMIT_EXCEEDED like a 429', async () => {
    const { sandbox, client, sleeps } = await start();
    stockLocation(sandbox, '7', 1);
    sandbox.store.rejectNextRequests(1, { status: 400 });

    const { rows } = await client.stock.read({ locations: ['7'] });

    expect(rows).toHaveLength(1);
    expect(sleeps).toEqual([375]);
  });

  it('an invalid query comes back as netsuite_request_refused pointing at q', async () => {
    const { client } = await start();

    const page = client.suiteQl.page('SELECT item FROM nowhere', {
      limit: 10,
      offset: 0,
      where: 'a bad query',
    });

    await expect(page).rejects.toMatchObject({
      code: 'netsuite_request_refused',
      facts: { netsuiteStatus: 400, details: [{ errorCode: 'INVALID_PARAMETER', errorAt: 'q' }] },
    });
  });

  it('refuses a page past the 100,000-row cap without asking', async () => {
    const { sandbox, client } = await start();

    const page = client.suiteQl.page('SELECT item FROM aggregateItemLocation', {
      limit: 1000,
      offset: 99_000,
      where: 'past the cap',
    });

    await expect(page).resolves.toBeDefined();
    const past = client.suiteQl.page('SELECT item FROM aggregateItemLocation', {
      limit: 1000,
      offset: 100_000,
      where: 'past the cap',
    });
    await expect(past).rejects.toMatchObject({ code: 'netsuite_row_cap' });
    expect(sandbox.store.requests).toHaveLength(1);
  });

  it('builds its default address from the account id', () => {
    const client = createNetSuiteClient({
      accountId: ACCOUNT_ID,
      auth: {
        scheme: 'tba',
        credentials: { consumerKey: 'a', consumerSecret: 'b', tokenId: 'c', tokenSecret: 'd' },
      },
    });

    // Built, never contacted.
    expect(client.baseUrl).toBe('https://1234567-sb1.suitetalk.api.netsuite.com');
    expect(client.hostAccountId).toBe('1234567-sb1');
  });
});
