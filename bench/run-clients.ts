import { percentile } from './load-generator.js';

/** What one operation came to: a unit claimed, refused (409, short), or a fault. */
export type ClientOutcome = 'ok' | 'refused' | 'failed';

export interface ClientsResult {
  ok: number;
  refused: number;
  failed: number;
  seconds: number;
  /** Successful operations (claims) per second. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The first fault seen, for the report (a bench that fails silently measures nothing). */
  firstFault: string | null;
}

/**
 * Runs `clients` loops at once, each awaiting `operation(i)` back to back, until `seconds` have
 * passed or `maxOperations` have started, whichever comes first. Every operation's latency is
 * kept, ok or not, so p99 includes refusals and retries.
 */
export async function runClients(options: {
  clients: number;
  seconds: number;
  maxOperations: number;
  operation: (i: number) => Promise<ClientOutcome>;
}): Promise<ClientsResult> {
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const latenciesMs: number[] = [];
  const tally = { ok: 0, refused: 0, failed: 0 };
  let firstFault: string | null = null;
  let next = 0;

  const client = async () => {
    while (performance.now() < deadline && next < options.maxOperations) {
      const index = next;
      next += 1;
      const t0 = performance.now();
      try {
        tally[await options.operation(index)] += 1;
      } catch (thrown) {
        tally.failed += 1;
        firstFault ??= thrown instanceof Error ? thrown.message : String(thrown);
      }
      latenciesMs.push(performance.now() - t0);
    }
  };

  await Promise.all(Array.from({ length: options.clients }, client));
  const seconds = (performance.now() - started) / 1000;

  return {
    ...tally,
    seconds,
    perSecond: tally.ok / seconds,
    p50Ms: percentile(latenciesMs, 50),
    p99Ms: percentile(latenciesMs, 99),
    firstFault,
  };
}

export function describeClients(result: ClientsResult): string {
  const fault = result.firstFault ? `; first fault: ${result.firstFault}` : '';
  return `${result.perSecond.toFixed(0)}/s (${result.ok} ok, ${result.refused} refused, ${result.failed} failed, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms)${fault}`;
}
