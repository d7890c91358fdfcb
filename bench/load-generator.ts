import { Agent, request } from 'undici';

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  seconds: number;
  perSecond: number;
  latenciesMs: number[];
}

/**
 * Sends requests from `make(i)` to a loopback URL with `connections` in flight, for at most
 * `seconds` and at most `maxRequests`; optionally paced to `ratePerSecond`.
 */
export async function generateLoad(options: {
  url: string;
  /** Spread requests round-robin over these instead of `url` (several instances). */
  urls?: string[];
  connections: number;
  seconds: number;
  maxRequests: number;
  ratePerSecond?: number;
  make: (i: number) => { headers: Record<string, string>; body: string };
}): Promise<LoadResult> {
  const targets = options.urls ?? [options.url];
  for (const url of targets) {
    const { hostname } = new URL(url);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) {
      throw new Error(`load is only ever aimed at loopback, not ${hostname}`);
    }
  }

  const dispatcher = new Agent({ connections: options.connections, pipelining: 1 });
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const latenciesMs: number[] = [];
  let sent = 0;
  let ok = 0;
  let failed = 0;

  const worker = async () => {
    while (performance.now() < deadline && sent < options.maxRequests) {
      const index = sent;
      sent += 1;
      if (options.ratePerSecond) {
        const due = started + (index / options.ratePerSecond) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const { headers, body } = options.make(index);
      const t0 = performance.now();
      try {
        const response = await request(targets[index % targets.length] ?? options.url, {
          method: 'POST',
          headers,
          body,
          dispatcher,
        });
        await response.body.dump();
        if (response.statusCode === 200) ok += 1;
        else failed += 1;
      } catch {
        failed += 1;
      }
      latenciesMs.push(performance.now() - t0);
    }
  };

  await Promise.all(Array.from({ length: options.connections }, worker));
  await dispatcher.close();
  const seconds = (performance.now() - started) / 1000;
  return { sent, ok, failed, seconds, perSecond: ok / seconds, latenciesMs };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
    Number.NaN
  );
}
