import { formatMinorUnits } from '../../domain/attribution/minor-units.js';
import type { AttributionReport } from './attribution-report.js';

const HEADER = [
  'day',
  'store',
  'time_zone',
  'channel',
  'class',
  'credit',
  'party',
  'associate',
  'currency',
  'amount',
  'reversed',
  'orders',
];

/** One line per store-local day, store, channel, class, credit, party and associate. */
export function renderAttributionCsv(report: AttributionReport): string {
  const lines = [HEADER.join(',')];
  for (const row of report.rows) {
    lines.push(
      [
        row.day,
        row.store,
        row.timeZone,
        row.channel,
        row.class,
        row.credit,
        row.party,
        row.associate ?? '',
        row.currency,
        formatMinorUnits(row.amount, row.currency),
        formatMinorUnits(row.reversed, row.currency),
        String(row.orders),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Quotes a field that needs it; a leading =, +, - or @ is defused for spreadsheets. */
function csvField(value: string): string {
  const safe = /^[=+@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
