import type { Metrics } from '../src/engine/metrics/metrics.js';
import { startBenchChain } from './bench-chain.js';

export interface LatencyBenchResult {
  sales: number;
  deliveries: number;
  deliveriesPerSecond: number;
  pushesApplied: number;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  pointsPerSale: number;
  pushesPerSale: number;
  readQueriesPerSale: number;
  targetsSet: number;
  pushesSavedByCoalescing: number;
}

/**
 * Signal-to-channel latency at a steady delivery rate: POS sales on levels whose stock sits at
 * the buffer, so every sale takes `available` below zero and trueshelf must move a buffer unit
 * back. Latency runs from `X-Shopify-Triggered-At` of the first signal to Shopify accepting
 * the move. Also: Admin API points, pushes and re-read queries per sale.
 */
export async function runLatencyBench(options: {
  seconds: number;
  deliveriesPerSecond: number;
  databaseUrl?: string;
}): Promise<LatencyBenchResult> {
  const stores = 4;
  const items = 400;
  const chain = await startBenchChain({
    stores,
    items,
    stock: 2,
    buffer: 2,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  const { sandbox, running } = chain;
  const metrics = running.context.metrics;
  metrics.recentLatencies.clear();
  const before = await totals(metrics);
  const sentBefore = await chain.settle();

  // Each POS sale yields several deliveries (order, fulfilment, level update, our echo): pace
  // sales so deliveries arrive at the asked rate; the first second calibrates the ratio.
  const started = performance.now();
  let sales = 0;
  let perSale = 4;
  const levels = chain.storeIds.flatMap((locationId) =>
    chain.skus.map((sku) => ({ locationId, sku })),
  );
  while (performance.now() - started < options.seconds * 1000 && sales < levels.length * 2) {
    const level = levels[sales % levels.length];
    if (!level) break;
    await sandbox.call('POST', '/_sandbox/pos-sales', {
      location: level.locationId,
      lines: [{ sku: level.sku, quantity: 1 }],
    });
    sales += 1;
    if (sales === 20) {
      const { sentCount } = await sandbox.call<{ sentCount: number }>('GET', '/_sandbox/webhooks');
      perSale = Math.max(1, (sentCount - sentBefore) / 20);
    }
    const due = started + ((sales * perSale) / options.deliveriesPerSecond) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const elapsed = (performance.now() - started) / 1000;

  const sentAfter = await chain.settle();
  const after = await totals(metrics);
  const deliveries = sentAfter - sentBefore;

  const outbox = await running.context.storage.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.sum<number>('target_version').as('targets'))
    .executeTakeFirstOrThrow();
  const pushRows = await running.context.storage.db
    .selectFrom('pushes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('outcome', '=', 'applied')
    .executeTakeFirstOrThrow();
  const p50 = metrics.recentLatencies.percentile(50);
  const p99 = metrics.recentLatencies.percentile(99);
  await chain.close();

  const pushesApplied = after.pushes - before.pushes;
  return {
    sales,
    deliveries,
    deliveriesPerSecond: deliveries / elapsed,
    pushesApplied,
    latencyP50Ms: p50 === null ? null : p50 * 1000,
    latencyP99Ms: p99 === null ? null : p99 * 1000,
    pointsPerSale: (after.points - before.points) / sales,
    pushesPerSale: pushesApplied / sales,
    readQueriesPerSale: (after.readQueries - before.readQueries) / sales,
    targetsSet: Number(outbox.targets ?? 0),
    pushesSavedByCoalescing: Math.max(0, Number(outbox.targets ?? 0) - Number(pushRows.n)),
  };
}

async function totals(
  metrics: Metrics,
): Promise<{ points: number; pushes: number; readQueries: number }> {
  const json = await metrics.registry.getMetricsAsJSON();
  const sum = (name: string, match: (labels: Record<string, unknown>) => boolean) =>
    (json.find((m) => m.name === name)?.values ?? [])
      .filter((v) => match(v.labels))
      .reduce((a, v) => a + v.value, 0);
  return {
    points: sum('trueshelf_shopify_api_points_total', () => true),
    pushes: sum('trueshelf_pushes_total', (l) => l['outcome'] === 'applied'),
    readQueries: sum('trueshelf_level_reads_total', (l) => l['kind'] === 'query'),
  };
}
