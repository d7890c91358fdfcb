/**
 * Faults the Admin API endpoint serves instead of answering: HTTP 429 with Retry-After, 503,
 * a GraphQL THROTTLED answer, a request that never gets a response, or a dropped connection.
 * Each fault serves the next `count` requests (default 1), in the order they were injected.
 */
export type RequestFaultKind = 'http_429' | 'http_503' | 'throttled' | 'hang' | 'drop';

export interface RequestFault {
  kind: RequestFaultKind;
  count?: number | undefined;
  /** The Retry-After header a 429 carries; Shopify sends seconds, e.g. "2.0". */
  retryAfter?: string | undefined;
}

export class RequestFaults {
  private readonly queue: Array<{ fault: RequestFault; left: number }> = [];

  inject(fault: RequestFault): void {
    this.queue.push({ fault: { ...fault }, left: Math.max(1, Math.floor(fault.count ?? 1)) });
  }

  clear(): void {
    this.queue.length = 0;
  }

  pending(): number {
    return this.queue.reduce((sum, entry) => sum + entry.left, 0);
  }

  take(): RequestFault | null {
    const head = this.queue[0];
    if (!head) return null;
    head.left -= 1;
    if (head.left === 0) this.queue.shift();
    return head.fault;
  }
}
