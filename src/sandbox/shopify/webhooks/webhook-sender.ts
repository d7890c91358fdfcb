import { request } from 'node:http';

export interface SendOutcome {
  /** HTTP status, or null when no response came (refused, reset, timed out). */
  status: number | null;
  error: string | null;
}

/**
 * One HTTP POST of a delivery. Only a 2xx counts as success; redirects do not (research §2).
 * The whole exchange must finish within `timeoutMs`, as Shopify's five-second limit.
 */
export function sendWebhook(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<SendOutcome> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers, signal }, (res) => {
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? null, error: null });
      });
      res.on('error', (error) => finish(error));
    });

    const finish = (error: Error): void => {
      clearTimeout(timer);
      resolve({ status: null, error: error.message });
    };
    const timer = setTimeout(
      () => req.destroy(new Error(`no response within ${timeoutMs} ms`)),
      timeoutMs,
    );

    req.on('error', finish);
    req.end(body);
  });
}
