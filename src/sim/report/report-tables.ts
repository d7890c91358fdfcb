import type { PolicyOutcome, SimulationResult } from '../simulation-result.js';
import { escapeXml, formatNumber, percent } from './svg-text.js';

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((cell) => `<th>${escapeXml(cell)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map(cellHtml).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

// The first cell of a row names it.
function cellHtml(cell: string, index: number): string {
  return index === 0 ? `<th scope="row">${escapeXml(cell)}</th>` : `<td>${escapeXml(cell)}</td>`;
}

const share = (part: number, whole: number) => percent(whole === 0 ? null : part / whole);

/** Per policy: what pickup shoppers and walk-ins met, and what the buffers cost. */
export function outcomesTable(policies: readonly PolicyOutcome[]): string {
  return table(
    [
      'policy',
      'promises made',
      'kept',
      'broken',
      'broken rate',
      'refused with units on shelf',
      'walk-ins at an empty shelf',
      'records wrong at end',
      'drift at end',
      'mean buffer',
    ],
    policies.map((p) => [
      p.policy,
      formatNumber(p.promises.made),
      formatNumber(p.promises.kept),
      formatNumber(p.promises.broken),
      percent(p.promises.brokenRate),
      `${formatNumber(p.online.refusedWhileOnShelf)} ` +
        `(${share(p.online.refusedWhileOnShelf, p.online.orders)} of orders)`,
      share(p.walkIns.lostAtEmptyShelf, p.walkIns.demand),
      percent(p.endOfRun.wrongShare, 1),
      p.endOfRun.driftPercent === null ? '–' : `${p.endOfRun.driftPercent.toFixed(2)} %`,
      p.buffers.meanUnits.toFixed(2),
    ]),
  );
}

export function causesTable(policies: readonly PolicyOutcome[]): string {
  return table(
    [
      'policy',
      'stale view',
      'ghost units',
      'taken before the pick',
      'walk-ins lost while the record showed stock',
    ],
    policies.map((p) => [
      p.policy,
      formatNumber(p.promises.brokenBy.staleView),
      formatNumber(p.promises.brokenBy.ghostUnits),
      formatNumber(p.promises.brokenBy.takenBeforePick),
      formatNumber(p.walkIns.lostWhileRecordShowedStock),
    ]),
  );
}

/** Every unit accounted for, physically and in the record. */
export function conservationTable(policies: readonly PolicyOutcome[]): string {
  return table(
    [
      'policy',
      'start',
      'received',
      'sold at till',
      'sold at pickup',
      'shrunk',
      'misplaced',
      'on shelf at end',
      'conserved',
      'record: received, sold, count corrections, end',
      'record consistent',
    ],
    policies.map((p) => [
      p.policy,
      formatNumber(p.units.startingStock),
      formatNumber(p.units.received),
      formatNumber(p.units.soldAtTill),
      formatNumber(p.units.soldAtPickup),
      formatNumber(p.units.shrunk),
      formatNumber(p.units.misplaced),
      formatNumber(p.units.onShelfAtEnd),
      p.units.conserved ? 'yes' : 'NO',
      [
        p.record.receivedAsRecorded,
        p.record.soldAsRecorded,
        p.record.countCorrections,
        p.record.onHandAtEnd,
      ]
        .map(formatNumber)
        .join(', '),
      p.record.consistent ? 'yes' : 'NO',
    ]),
  );
}

export function settingsTable(result: SimulationResult): string {
  const s = result.settings;
  const r = s.replenishment;
  const input = result.input;
  const buffer =
    s.buffer.kind === 'risk'
      ? `risk mode, at most ${percent(s.buffer.targetShortfallProbability, 1)} broken promises`
      : s.buffer.kind === 'tiered'
        ? 'tiered preset'
        : 'rules given';
  const rows: [string, string][] = [
    ['sales', s.salesSource],
    [
      'stores × items × days',
      `${input.stores.length} stores, ${formatNumber(input.levels)} levels, ` +
        `${input.dayCount} days (${input.firstDay} … ${input.lastDay})`,
    ],
    ['units in the file', formatNumber(result.input.unitsInFile)],
    ['seed', String(s.seed)],
    ['online share', percent(s.onlineShare, 1)],
    [
      'pickup',
      `collected ${s.pickupDelayHours} h after the order; ` +
        `picked ${s.pickAfterHours} h after it without a hold`,
    ],
    ['shrink', `${percent(s.shrinkRate, 2)} of units sold (NRF 2023: 1.6 % of sales)`],
    ['misplacement', `${percent(s.misplacementRate, 2)} of units sold (assumption)`],
    [
      'scan errors',
      `${percent(s.scanErrorRate, 2)} of till sales rung up as a sibling (assumption)`,
    ],
    [
      'receiving errors',
      `${percent(s.receivingErrorRate, 2)} of delivered lines one unit off (assumption)`,
    ],
    ['opening hours', `${s.openingHours.opensAtHour}:00–${s.openingHours.closesAtHour}:00`],
    [
      'replenishment',
      `order up to ${r.orderUpToDaysOfCover} days of forecast every ${r.reviewPeriodDays} ` +
        `days, ${r.leadTimeDays} days' lead, at least ${r.minOrderUpToUnits} units`,
    ],
    [
      'counts',
      `counts policy: each level every ${s.cycleCountEveryDays} days; ` +
        `every policy: a full count every ${s.fullCountEveryDays || 'never'} days`,
    ],
    ['sync', `ERP push every ${s.erpPushEveryMinutes} min; webhooks ${s.webhookDelaySeconds} s`],
    [
      'buffers',
      `${buffer}; velocity over ${s.velocity.windowDays} days, ` +
        `recomputed every ${s.velocity.refreshEveryDays} days`,
    ],
    ['arrivals', s.arrivals],
    ['hold book', s.holds],
  ];
  return table(['setting', 'value'], rows);
}

/** The movements the product's ledger would record, by shape; silent losses are in none. */
export function movementsTable(policies: readonly PolicyOutcome[]): string {
  const shapes = [...new Set(policies.flatMap((p) => Object.keys(p.movements)))].sort();
  return table(
    ['policy', ...shapes.map((shape) => shape.replaceAll('_', ' ')), 'units lost silently'],
    policies.map((p) => [
      p.policy,
      ...shapes.map((shape) => formatNumber(p.movements[shape] ?? 0)),
      formatNumber(p.units.shrunk + p.units.misplaced),
    ]),
  );
}
