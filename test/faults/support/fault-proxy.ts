import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to each request while a fault is on. */
export type ProxyFault =
  | { readonly kind: 'pass' }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  | { readonly kind: 'drop' }
  | { readonly kind: 'hang' }
  /**
   * Forwarded, so the sandbox acts on it, but the answer never reaches the caller; only for
   * requests whose body holds `match`, the others pass.
   */
  | { readonly kind: 'lose_answer'; readonly match: string };

export interface FaultProxy {
  readonly url: string;
  /** Requests answered with a fault so far. */
  readonly faulted: number;
  set(fault: ProxyFault): void;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of a sandbox that, while a fault is set, answers every request
 * with a status, destroys the connection, or never answers (the caller's timeout must act).
 * `target` may be a function, for a sandbox that starts after the proxy.
 */
export async function startFaultProxy(target: string | (() => string)): Promise<FaultProxy> {
  let fault: ProxyFault = { kind: 'pass' };
  let faulted = 0;
  const hung = new Set<ServerResponse>();
  const upstreamOf = () => new URL(typeof target === 'string' ? target : target());

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const current = fault;
    if (current.kind === 'drop' || current.kind === 'hang' || current.kind === 'status')
      faulted += 1;
    if (current.kind === 'drop') return void req.socket.destroy();
    if (current.kind === 'hang') return void hung.add(res);
    if (current.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (current.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(current.retryAfterSeconds);
      res.writeHead(current.status, headers).end('{"error":"injected by the fault campaign"}');
      return;
    }

    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const lose = current.kind === 'lose_answer' && body.toString('utf8').includes(current.match);
      if (lose) faulted += 1;
      const upstream = upstreamOf();
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          // The caller's Host is kept: NetSuite's TBA signature covers the URL it signed.
          headers: { ...req.headers, 'content-length': String(body.length) },
        },
        (answer) => {
          if (lose) {
            answer.resume();
            answer.on('end', () => req.socket.destroy());
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.writeHead(502).end());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get faulted() {
      return faulted;
    },
    set: (next) => {
      fault = next;
      if (next.kind !== 'hang') {
        for (const res of hung) res.socket?.destroy();
        hung.clear();
      }
    },
    close: async () => {
      for (const res of hung) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
