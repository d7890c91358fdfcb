import { ManualClock } from '../../../src/shared/clock.js';
import { startNetSuiteSandbox } from '../../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import type {
  NetSuiteSandbox,
  NetSuiteSandboxOptions,
} from '../../../src/sandbox/netsuite/start-netsuite-sandbox.js';
import { createNetSuiteClient } from '../../../src/sources/netsuite/netsuite-client.js';
import type {
  NetSuiteClient,
  NetSuiteClientOptions,
} from '../../../src/sources/netsuite/netsuite-client.js';

export const ACCOUNT_ID = '1234567_SB1';

export const tbaCredentials = {
  consumerKey: 'consumer-key-1',
  consumerSecret: 'consumer-secret-1',
  tokenId: 'token-id-1',
  tokenSecret: 'token-secret-1',
};

/** A sandbox taking TBA, a client signing with TBA, one manual clock, and recorded sleeps. */
export interface TbaHarness {
  readonly sandbox: NetSuiteSandbox;
  readonly client: NetSuiteClient;
  readonly clock: ManualClock;
  readonly sleeps: number[];
}

export async function startTbaHarness(
  sandboxOptions: Partial<NetSuiteSandboxOptions> = {},
  clientOptions: Partial<NetSuiteClientOptions> = {},
): Promise<TbaHarness> {
  const clock = new ManualClock('2025-03-01T09:00:00Z');
  const sandbox = await startNetSuiteSandbox({
    accountId: ACCOUNT_ID,
    tba: tbaCredentials,
    clock: clock.now,
    ...sandboxOptions,
  });
  const sleeps: number[] = [];
  const client = createNetSuiteClient({
    accountId: ACCOUNT_ID,
    auth: { scheme: 'tba', credentials: tbaCredentials },
    baseUrl: sandbox.url,
    clock: clock.now,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    ...clientOptions,
  });
  return { sandbox, client, clock, sleeps };
}

/** `count` items at one location, ids 10, 20, 30 … and on hand 1, 2, 3 …. */
export function stockLocation(sandbox: NetSuiteSandbox, location: string, count: number): void {
  for (let i = 1; i <= count; i += 1) {
    sandbox.store.setItemLocation({ item: String(i * 10), location, onHand: i });
  }
}
