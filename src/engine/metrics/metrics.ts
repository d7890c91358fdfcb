import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one trueshelf process; injected, never global. */
export class Metrics {
  readonly registry = new Registry();

  readonly deliveries = new Counter({
    name: 'trueshelf_deliveries_total',
    help: 'Webhook deliveries by topic and outcome (stored, duplicate, applied, ignored, unprocessable, rejected)',
    labelNames: ['topic', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly signalToChannelSeconds = new Histogram({
    name: 'trueshelf_signal_to_channel_seconds',
    help: 'From X-Shopify-Triggered-At of the first signal to the channel accepting the push',
    labelNames: ['channel'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
    registers: [this.registry],
  });

  readonly apiPoints = new Counter({
    name: 'trueshelf_shopify_api_points_total',
    help: 'Admin API cost points spent (actualQueryCost), by operation',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  readonly pushes = new Counter({
    name: 'trueshelf_pushes_total',
    help: 'Pushes to channels by outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly levelReads = new Counter({
    name: 'trueshelf_level_reads_total',
    help: 'Levels re-read from Shopify, and the queries that carried them',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly outboxDepth = new Gauge({
    name: 'trueshelf_outbox_depth',
    help: 'Outbox rows pending or parked, by channel and status',
    labelNames: ['channel', 'status'] as const,
    registers: [this.registry],
  });

  /** Recent signal-to-channel latencies in seconds (bounded), for exact percentiles. */
  readonly recentLatencies = new LatencySamples(10_000);

  readonly webhookTopics = new Gauge({
    name: 'trueshelf_webhook_topics',
    help: 'Webhook topics trueshelf needs that are missing from the app config, or quiet for longer than usual',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly movements = new Counter({
    name: 'trueshelf_movements_total',
    help: 'Ledger movements recorded, by cause',
    labelNames: ['cause'] as const,
    registers: [this.registry],
  });
}

/** A bounded ring of recent samples; percentiles over what it holds. */
export class LatencySamples {
  private readonly samples: number[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  add(value: number): void {
    if (this.samples.length < this.capacity) this.samples.push(value);
    else this.samples[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
  }

  get count(): number {
    return this.samples.length;
  }

  clear(): void {
    this.samples.length = 0;
    this.next = 0;
  }

  percentile(p: number): number | null {
    if (this.samples.length === 0) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const index = Math.min(
      sorted.length - 1,
      Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
    );
    return sorted[index] ?? null;
  }
}
