import type { TrueshelfConfig } from '../config/config-schema.js';
import { createNetSuiteFromConfig } from '../engine/erp/create-netsuite-from-config.js';
import { NetSuitePoller } from '../engine/erp/netsuite-poller.js';
import type { PollSummary } from '../engine/erp/netsuite-poller.js';
import { Metrics } from '../engine/metrics/metrics.js';
import { canReadShopify, reconcileConfigured } from '../reports/reconcile/reconcile-configured.js';
import { differenceClasses } from '../reports/reconcile/reconciliation-report.js';
import type {
  LocationTotals,
  NetSuiteReconciliation,
} from '../reports/reconcile/reconciliation-report.js';
import {
  renderReconciliationCsv,
  renderReconciliationJson,
} from '../reports/reconcile/render-reconciliation.js';
import type { Clock } from '../shared/clock.js';
import { TrueshelfError } from '../shared/error-catalogue.js';
import { silentLogger } from '../shared/logger.js';
import type { Logger } from '../shared/logger.js';
import { createShopifyClient } from '../sources/shopify/create-shopify-client.js';
import type { Storage } from '../storage/storage.js';

export type ReconcileFormat = 'json' | 'csv';

export interface ReconcileRun {
  readonly format: ReconcileFormat;
  /** Read NetSuite's on hand first, so documents booked since the last poll count. */
  readonly poll: boolean;
  readonly clock: Clock;
  readonly logger?: Logger;
}

export interface ReconcileOutcome {
  readonly report: NetSuiteReconciliation;
  /** The report in the asked format: every difference, one line (CSV row) each. */
  readonly rendered: string;
  /** One line per location, for a person. */
  readonly summary: readonly string[];
  readonly poll: PollSummary | undefined;
}

/** Reconciles against the NetSuite account in the config; a config without one is refused. */
export async function reconcileFromConfig(
  config: Readonly<TrueshelfConfig>,
  storage: Storage,
  run: ReconcileRun,
): Promise<ReconcileOutcome> {
  const netsuite = createNetSuiteFromConfig(config, {
    clock: run.clock,
    ...(run.logger ? { logger: run.logger } : {}),
  });
  if (!netsuite.configured) {
    throw new TrueshelfError('config_invalid', netsuite.message, {
      setting: 'netsuite.accountId',
      env: 'TRUESHELF_NETSUITE_ACCOUNT_ID',
    });
  }

  const { client } = netsuite;
  const poll = run.poll
    ? await new NetSuitePoller({
        storage,
        client,
        clock: run.clock,
        ...(run.logger ? { logger: run.logger } : {}),
      }).runOnce()
    : undefined;
  // Shopify is read afresh when the config can reach it, so a missed signal shows as one.
  const shopify = canReadShopify(config)
    ? createShopifyClient(config, {
        metrics: new Metrics(),
        logger: run.logger ?? silentLogger(),
        clock: run.clock,
      })
    : undefined;
  const report = await reconcileConfigured(storage, {
    netsuite,
    shopify,
    levelsPerQuery: config.shopify.levelsPerQuery,
    clock: run.clock,
  });

  const rendered =
    run.format === 'csv' ? renderReconciliationCsv(report) : renderReconciliationJson(report);
  return { report, rendered, summary: report.totals.map(totalsLine), poll };
}

/** `downtown (NetSuite 7): 1 of 3 levels differ; unexplained -2 units, value -20.00`. */
export function totalsLine(totals: LocationTotals): string {
  const where = `${totals.locationHandle} (NetSuite ${totals.netsuiteLocationId})`;
  const counted = `${totals.levelsDiffering} of ${totals.levelsCompared} levels differ`;
  const classes = differenceClasses.flatMap((name) => {
    const total = totals.byClass[name];
    if (total.absoluteUnits === 0) return [];
    const unvalued = total.unvaluedUnits === 0 ? '' : ` (${total.unvaluedUnits} units unvalued)`;
    return [`${name} ${total.units} units, value ${money(total.valueCents)}${unvalued}`];
  });
  return `${where}: ${counted}${classes.length === 0 ? '' : `; ${classes.join('; ')}`}`;
}

function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}
