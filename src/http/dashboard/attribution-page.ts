import type { AppContext } from '../../app/app-context.js';
import { currencyExponent } from '../../domain/attribution/minor-units.js';
import { buildAttributionReport } from '../../reports/attribution/build-attribution-report.js';
import type { AttributionReport } from '../../reports/attribution/attribution-report.js';
import { localDay } from '../../reports/attribution/local-day.js';
import { toError, TrueshelfError } from '../../shared/error-catalogue.js';

export type AttributionPage =
  | ({ enabled: true; decimals: Record<string, number> } & Pick<
      AttributionReport,
      'generatedAt' | 'from' | 'to' | 'currencies' | 'totals' | 'stores' | 'days'
    >)
  | { enabled: false; reason: string };

/** Days the page shows when it names no range: the last week up to today. */
export const DEFAULT_DAYS = 7;

/**
 * Sale and fulfilment credit per store and per store-local day, as `buildAttributionReport`
 * counts them; the page leaves the associates, classes and raw rows to the full report. A
 * range it was not given ends today in the e-commerce time zone. A database whose attribution
 * tables cannot be read answers "not enabled"; a bad range is the report's own 400.
 */
export async function attributionPage(
  ctx: AppContext,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<AttributionPage> {
  const timeZone = ctx.config.attribution.ecommerceTimeZone;
  const to = range.to ?? localDay(ctx.clock().toISOString(), timeZone);
  const from = range.from ?? daysBefore(to, DEFAULT_DAYS - 1);

  let report: AttributionReport;
  try {
    report = await buildAttributionReport(ctx.storage, {
      from,
      to,
      ecommerceTimeZone: timeZone,
      clock: ctx.clock,
    });
  } catch (thrown) {
    if (thrown instanceof TrueshelfError) throw thrown;
    ctx.logger.info({ err: toError(thrown) }, 'dashboard: attribution tables are not readable');
    return { enabled: false, reason: 'attribution is not enabled on this database' };
  }

  return {
    enabled: true,
    generatedAt: report.generatedAt,
    from: report.from,
    to: report.to,
    currencies: report.currencies,
    decimals: Object.fromEntries(report.currencies.map((c) => [c, currencyExponent(c)])),
    totals: report.totals,
    stores: report.stores,
    days: report.days,
  };
}

function daysBefore(day: string, count: number): string {
  const instant = Date.parse(`${day}T00:00:00Z`);
  // A `to` that is not a date is left for the report to refuse with its own message.
  if (Number.isNaN(instant)) return day;
  return new Date(instant - count * 86_400_000).toISOString().slice(0, 10);
}
