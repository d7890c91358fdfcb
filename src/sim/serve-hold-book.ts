import type { MessagePort } from 'node:worker_threads';
import { ServiceHoldHost } from './service-hold-host.js';
import type { HostAnswer, HostRequest, HostSetup } from './service-hold-protocol.js';

/**
 * Answers requests from `port` one at a time; after each answer, sets `signal[0]` to 1 and
 * wakes the simulator's thread, which waits on it.
 */
export async function serveHoldBook(options: {
  port: MessagePort;
  signal: SharedArrayBuffer;
  setup: HostSetup;
}): Promise<void> {
  const signal = new Int32Array(options.signal);
  const answer = (message: HostAnswer | { kind: 'error'; message: string }) => {
    options.port.postMessage(message);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  };

  let host: ServiceHoldHost | null = null;
  let setupError: string | null = null;
  try {
    host = await ServiceHoldHost.open(options.setup);
  } catch (thrown) {
    setupError = describe(thrown);
  }

  let queue = Promise.resolve();
  options.port.on('message', (request: HostRequest) => {
    queue = queue.then(async () => {
      if (!host) return answer({ kind: 'error', message: `setup failed: ${setupError}` });
      try {
        answer(await host.handle(request));
        if (request.kind === 'close') options.port.close();
      } catch (thrown) {
        const message = describe(thrown);
        answer({ kind: 'error', message });
      }
    });
  });
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
}
