/** One point of a prom-client histogram as `getMetricsAsJSON` gives it. */
export interface HistogramBucket {
  labels: Record<string, string | number | undefined>;
  value: number;
  metricName?: string;
}

/**
 * The demo's words for signal-to-Shopify latency from the histogram's cumulative buckets: the
 * bucket bounds under which half and 99 % of the moves fell, or that no move was timed yet
 * (the first day of a demo can end before the first move a sale caused).
 */
export function signalLatencyText(buckets: readonly HistogramBucket[]): string {
  const p50 = bucketBound(buckets, 0.5);
  const p99 = bucketBound(buckets, 0.99);
  if (p50 === null || p99 === null) return 'signal → Shopify: no move timed yet';
  return `signal → Shopify p50 ≤ ${p50} s, p99 ≤ ${p99} s`;
}

/** The smallest bucket bound under which the share `q` of the samples fall; null without any. */
function bucketBound(buckets: readonly HistogramBucket[], q: number): string | null {
  const total = buckets.find((b) => b.labels['le'] === '+Inf')?.value ?? 0;
  if (total === 0) return null;

  const hit = buckets.find((b) => b.value >= q * total);
  return String(hit?.labels['le'] ?? '+Inf');
}
