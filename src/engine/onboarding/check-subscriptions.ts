import type { Clock } from '../../shared/clock.js';
import { toError } from '../../shared/error-catalogue.js';
import type { ShopifyAdminClient } from '../../sources/shopify/shopify-admin-client.js';
import type { Storage } from '../../storage/storage.js';
import { requiredTopics } from './required-topics.js';

export type TopicStatus = 'ok' | 'quiet' | 'never_delivered' | 'not_deployed';

export interface TopicHealth {
  topic: string;
  deployed: boolean;
  lastDeliveryAt: string | null;
  secondsSinceLast: number | null;
  /** The shop's usual rate for the topic: the median gap between its recent deliveries. */
  medianGapSeconds: number | null;
  status: TopicStatus;
}

export interface ApiSubscription {
  id: string;
  topic: string;
  uri: string | null;
}

/** One typed answer for /healthz, the metrics and `trueshelf check subscriptions`. */
export interface SubscriptionReport {
  checkedAt: string;
  deployedTopics: string[];
  missingTopics: string[];
  extraTopics: string[];
  topics: TopicHealth[];
  /**
   * Subscriptions made through the Admin API, listed apart: only these are deleted by Shopify
   * after repeated failed deliveries (those in shopify.app.toml are not, and are not listed).
   */
  apiSubscriptions: { available: boolean; note: string | null; subscriptions: ApiSubscription[] };
  healthy: boolean;
}

export interface CheckSubscriptionsOptions {
  clock: Clock;
  /** Topics deployed with the app, from `parseAppToml` or given. */
  deployedTopics: readonly string[];
  client?: ShopifyAdminClient;
  /** A topic is quiet when silent for more than this many median gaps. */
  quietFactor?: number;
  /** Fewest gaps before a median means anything. */
  minGaps?: number;
  recentDeliveries?: number;
}

const API_SUBSCRIPTIONS = `query ListWebhookSubscriptions {
  webhookSubscriptions(first: 100) { nodes { id topic uri } }
}`;

/**
 * Compares the deployed topics with what trueshelf needs and watches each topic's deliveries:
 * a topic silent for many times its usual gap suggests a subscription that stopped delivering.
 */
export async function checkSubscriptions(
  storage: Storage,
  options: CheckSubscriptionsOptions,
): Promise<SubscriptionReport> {
  const now = options.clock();
  const deployed = new Set(options.deployedTopics);
  const needed = new Set<string>(requiredTopics);

  const topics: TopicHealth[] = [];
  for (const topic of requiredTopics) {
    topics.push(await topicHealth(storage, topic, deployed.has(topic), now, options));
  }

  const apiSubscriptions = await listApiSubscriptions(options.client);
  const missingTopics = requiredTopics.filter((t) => !deployed.has(t));
  return {
    checkedAt: now.toISOString(),
    deployedTopics: [...deployed],
    missingTopics,
    extraTopics: [...deployed].filter((t) => !needed.has(t)),
    topics,
    apiSubscriptions,
    healthy: missingTopics.length === 0 && topics.every((t) => t.status !== 'quiet'),
  };
}

async function topicHealth(
  storage: Storage,
  topic: string,
  deployed: boolean,
  now: Date,
  options: CheckSubscriptionsOptions,
): Promise<TopicHealth> {
  const rows = await storage.db
    .selectFrom('deliveries')
    .select('received_at')
    .where('topic', '=', topic)
    .orderBy('received_at', 'desc')
    .limit((options.recentDeliveries ?? 200) + 1)
    .execute();
  const stamps = rows.map((r) => Date.parse(r.received_at)).sort((a, b) => a - b);
  const last = stamps.at(-1) ?? null;

  const gaps = stamps.slice(1).map((at, i) => (at - (stamps[i] ?? at)) / 1000);
  const median = gaps.length >= (options.minGaps ?? 3) ? medianOf(gaps) : null;
  const since = last === null ? null : Math.max(0, (now.getTime() - last) / 1000);

  let status: TopicStatus = 'ok';
  if (!deployed) status = 'not_deployed';
  else if (last === null) status = 'never_delivered';
  else if (
    median !== null &&
    since !== null &&
    since > Math.max(60, median * (options.quietFactor ?? 10))
  )
    status = 'quiet';

  return {
    topic,
    deployed,
    lastDeliveryAt: last === null ? null : new Date(last).toISOString(),
    secondsSinceLast: since,
    medianGapSeconds: median,
    status,
  };
}

async function listApiSubscriptions(
  client: ShopifyAdminClient | undefined,
): Promise<SubscriptionReport['apiSubscriptions']> {
  if (!client) return { available: false, note: 'no Admin API client given', subscriptions: [] };
  try {
    const result = await client.request<{
      webhookSubscriptions: { nodes: { id: string; topic: string; uri?: string | null }[] };
    }>('list_webhook_subscriptions', API_SUBSCRIPTIONS, {}, 102);
    const subscriptions = result.data.webhookSubscriptions.nodes.map((n) => ({
      id: n.id,
      topic: toPathTopic(n.topic),
      uri: n.uri ?? null,
    }));
    return { available: true, note: null, subscriptions };
  } catch (thrown) {
    // The sandbox has no `webhookSubscriptions`; an app without the field's scope fails too.
    const message = toError(thrown, 'webhookSubscriptions').message;
    return {
      available: false,
      note: `treated as none: the Admin API did not list subscriptions (${message})`,
      subscriptions: [],
    };
  }
}

/** `INVENTORY_LEVELS_UPDATE` → `inventory_levels/update` for the topics trueshelf knows. */
function toPathTopic(enumTopic: string): string {
  const known = requiredTopics.find((t) => t.toUpperCase().replace(/[/.]/g, '_') === enumTopic);
  return known ?? enumTopic;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
