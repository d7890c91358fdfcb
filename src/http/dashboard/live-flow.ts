import { sql } from 'kysely';
import type { AppContext } from '../../app/app-context.js';
import type { Counter } from 'prom-client';

export interface LiveFlow {
  at: string;
  /** Every delivery stored so far; the page turns two polls' difference into events per second. */
  deliveriesTotal: number;
  deliveriesByOutcome: { status: string; outcome: string | null; count: number }[];
  latency: { p50Seconds: number | null; p99Seconds: number | null; samples: number };
  apiPointsSpent: number;
  pushesByOutcome: { channel: string; outcome: string; count: number }[];
  outboxDepth: { channel: string; status: string; depth: number }[];
  parkedDeliveries: {
    id: string;
    topic: string;
    receivedAt: string;
    error: string | null;
    attempts: number;
  }[];
  parkedPushes: {
    channel: string;
    itemId: string;
    location: string;
    attempts: number;
    lastError: string | null;
    updatedAt: string;
  }[];
}

/** Parked work is listed newest first up to this many; the counts above it are complete. */
export const PARKED_LIMIT = 50;

/** What the live-flow page polls: the inbox, the latency ring, the points and the outbox. */
export async function liveFlow(ctx: AppContext): Promise<LiveFlow> {
  const { db } = ctx.storage;

  const [byOutcome, depth, parkedDeliveries, parkedPushes, points, pushes] = await Promise.all([
    db
      .selectFrom('deliveries')
      .select(['status', 'outcome', sql<number | string>`count(*)`.as('n')])
      .groupBy(['status', 'outcome'])
      .orderBy('status')
      .execute(),
    db
      .selectFrom('outbox')
      .select(['channel', 'status', sql<number | string>`count(*)`.as('n')])
      .where('status', 'in', ['pending', 'claimed', 'parked'])
      .groupBy(['channel', 'status'])
      .orderBy('channel')
      .execute(),
    db
      .selectFrom('deliveries')
      .select(['id', 'topic', 'received_at', 'error', 'attempts'])
      .where('status', '=', 'unprocessable')
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PARKED_LIMIT)
      .execute(),
    db
      .selectFrom('outbox')
      .select(['channel', 'item_id', 'location_handle', 'attempts', 'last_error', 'updated_at'])
      .where('status', '=', 'parked')
      .orderBy('updated_at', 'desc')
      .limit(PARKED_LIMIT)
      .execute(),
    sumOf(ctx.metrics.apiPoints),
    ctx.metrics.pushes.get(),
  ]);

  const deliveriesByOutcome = byOutcome.map((row) => ({
    status: row.status,
    outcome: row.outcome,
    count: Number(row.n),
  }));
  const samples = ctx.metrics.recentLatencies;

  return {
    at: ctx.clock().toISOString(),
    deliveriesTotal: deliveriesByOutcome.reduce((sum, row) => sum + row.count, 0),
    deliveriesByOutcome,
    latency: {
      p50Seconds: samples.percentile(50),
      p99Seconds: samples.percentile(99),
      samples: samples.count,
    },
    apiPointsSpent: points,
    pushesByOutcome: pushes.values.map((value) => ({
      channel: String(value.labels['channel'] ?? ''),
      outcome: String(value.labels['outcome'] ?? ''),
      count: value.value,
    })),
    outboxDepth: depth.map((row) => ({
      channel: row.channel,
      status: row.status,
      depth: Number(row.n),
    })),
    parkedDeliveries: parkedDeliveries.map((row) => ({
      id: row.id,
      topic: row.topic,
      receivedAt: row.received_at,
      error: row.error,
      attempts: row.attempts,
    })),
    parkedPushes: parkedPushes.map((row) => ({
      channel: row.channel,
      itemId: row.item_id,
      location: row.location_handle,
      attempts: row.attempts,
      lastError: row.last_error,
      updatedAt: row.updated_at,
    })),
  };
}

async function sumOf<Label extends string>(counter: Counter<Label>): Promise<number> {
  const metric = await counter.get();
  return metric.values.reduce((sum, value) => sum + value.value, 0);
}
