import { setMaxListeners } from 'node:events';
import { stringifyShopifyJson } from '../payloads/shopify-json.js';
import type { ShopifyJsonValue } from '../payloads/shopify-json.js';
import type { RandomSource } from '../state/random-source.js';
import { requireLoopbackUrl } from './loopback-url.js';
import { WebhookFaultPlan } from './webhook-faults.js';
import type { WebhookFaults } from './webhook-faults.js';
import { sendWebhook } from './webhook-sender.js';
import { signWebhookBody } from './webhook-signature.js';

export interface WebhookEmission {
  topic: string;
  /** Shared by every delivery one merchant action causes (`X-Shopify-Event-Id`). */
  eventId: string;
  triggeredAt: Date;
  /** Called once, just before the first attempt: the body shows the state of that moment. */
  build: () => ShopifyJsonValue;
}

export type DeliveryStatus = 'pending' | 'held' | 'delivered' | 'failed' | 'dropped' | 'no_target';

export interface WebhookDelivery {
  webhookId: string;
  topic: string;
  eventId: string;
  triggeredAt: Date;
  target: string | null;
  body: string | null;
  status: DeliveryStatus;
  attempts: number;
  responseStatuses: Array<number | null>;
}

export interface WebhookDispatcherOptions {
  shopDomain: string;
  apiVersion: string;
  secret: string;
  random: RandomSource;
  target?: string | undefined;
  retryBaseMs?: number | undefined;
  maxRetries?: number | undefined;
  timeoutMs?: number | undefined;
}

interface Job {
  delivery: WebhookDelivery;
  build: () => ShopifyJsonValue;
  copies: number;
  url: URL;
}

/**
 * Delivers webhooks the way Shopify does: at least once, concurrently and so in no guaranteed
 * order, retrying a non-2xx or a timeout with exponential backoff under the same webhook id and
 * body, to the address configured when the change happened (research §2). Backoff is compressed
 * (base 200 ms rather than minutes) so tests and the demo see retries.
 */
export class WebhookDispatcher {
  private target: URL | null;
  private topics: Set<string> | null = null;
  private readonly faults = new WebhookFaultPlan();
  private readonly log: WebhookDelivery[] = [];
  private held: Job[] = [];
  private pending = 0;
  private waiters: Array<() => void> = [];
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
  private readonly abort = new AbortController();
  private sent = 0;
  private closed = false;
  private readonly retryBaseMs: number;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.target = options.target ? requireLoopbackUrl(options.target) : null;
    this.retryBaseMs = options.retryBaseMs ?? 200;
    this.maxRetries = options.maxRetries ?? 8;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    // Every in-flight delivery listens on the one close signal.
    setMaxListeners(0, this.abort.signal);
  }

  /** Where new deliveries go; `topics` limits them to those subscriptions (default: all). */
  setTarget(url: string | null, options: { topics?: string[] } = {}): void {
    this.target = url === null ? null : requireLoopbackUrl(url);
    this.topics = options.topics ? new Set(options.topics) : null;
  }

  setFaults(faults: WebhookFaults): void {
    this.faults.set(faults);
  }

  /** HTTP requests made, retries and duplicates included. */
  get sentCount(): number {
    return this.sent;
  }

  deliveries(): WebhookDelivery[] {
    return this.log.map((delivery) => ({
      ...delivery,
      responseStatuses: [...delivery.responseStatuses],
    }));
  }

  emit(emission: WebhookEmission): void {
    if (this.closed || (this.topics && !this.topics.has(emission.topic))) return;
    const delivery: WebhookDelivery = {
      webhookId: this.options.random.uuid(),
      topic: emission.topic,
      eventId: emission.eventId,
      triggeredAt: emission.triggeredAt,
      target: this.target?.href ?? null,
      body: null,
      status: 'pending',
      attempts: 0,
      responseStatuses: [],
    };
    this.log.push(delivery);

    if (!this.target || this.faults.takeDrop(emission.topic)) {
      delivery.status = this.target ? 'dropped' : 'no_target';
      delivery.body = stringifyShopifyJson(emission.build());
      return;
    }

    const job: Job = {
      delivery,
      build: emission.build,
      copies: this.faults.takeCopies(emission.topic),
      url: this.target,
    };
    this.pending += 1;
    const batchSize = this.faults.reorderBatchSize();
    if (batchSize !== null) {
      delivery.status = 'held';
      this.held.push(job);
      if (this.held.length >= batchSize) this.releaseHeld();
      return;
    }
    void this.sleep(this.faults.delayMs()).then(() => this.run(job));
  }

  /** Resolves once nothing is pending, held or in flight; a partly filled reorder batch is sent. */
  idle(): Promise<void> {
    if (this.held.length > 0) this.releaseHeld();
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    for (const [timer, wake] of this.sleepers) {
      clearTimeout(timer);
      wake();
    }
    this.sleepers.clear();
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private releaseHeld(): void {
    const batch = this.held.reverse();
    this.held = [];
    void (async () => {
      // One after another, each first attempt finished before the next starts, so the receiver
      // sees the batch newest first.
      for (const job of batch) await new Promise<void>((resolve) => void this.run(job, resolve));
    })();
  }

  private async run(job: Job, firstAttemptDone: () => void = () => {}): Promise<void> {
    job.delivery.status = 'pending';
    if (job.delivery.body === null) job.delivery.body = stringifyShopifyJson(job.build());
    const copies = Array.from({ length: job.copies }, (_, i) =>
      this.attemptUntilDone(job, i === 0 ? firstAttemptDone : () => {}),
    );
    const results = await Promise.all(copies);
    job.delivery.status = results.some(Boolean) ? 'delivered' : 'failed';
    this.settle();
  }

  private async attemptUntilDone(job: Job, firstAttemptDone: () => void): Promise<boolean> {
    for (let attempt = 0; attempt <= this.maxRetries && !this.closed; attempt += 1) {
      if (attempt > 0) await this.sleep(this.retryBaseMs * 2 ** (attempt - 1));
      if (this.closed) break;
      const ok = await this.attempt(job);
      if (attempt === 0) firstAttemptDone();
      if (ok) return true;
    }
    firstAttemptDone();
    return false;
  }

  private async attempt(job: Job): Promise<boolean> {
    const body = job.delivery.body ?? '';
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
      'User-Agent': 'Shopify-Captain-Hook',
      'X-Shopify-Topic': job.delivery.topic,
      'X-Shopify-Hmac-Sha256': signWebhookBody(body, this.options.secret),
      'X-Shopify-Shop-Domain': this.options.shopDomain,
      'X-Shopify-API-Version': this.options.apiVersion,
      'X-Shopify-Webhook-Id': job.delivery.webhookId,
      'X-Shopify-Triggered-At': job.delivery.triggeredAt.toISOString(),
      'X-Shopify-Event-Id': job.delivery.eventId,
    };
    this.sent += 1;
    job.delivery.attempts += 1;
    const outcome = await sendWebhook(job.url, headers, body, this.timeoutMs, this.abort.signal);
    job.delivery.responseStatuses.push(outcome.status);
    return outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  }

  private settle(): void {
    this.pending -= 1;
    if (this.pending > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve();
      }, ms);
      this.sleepers.set(timer, resolve);
    });
  }
}
