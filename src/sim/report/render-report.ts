import type { PolicyOutcome, SimulationResult } from '../simulation-result.js';
import {
  causesTable,
  conservationTable,
  movementsTable,
  outcomesTable,
  settingsTable,
} from './report-tables.js';
import { svgBarChart } from './svg-bar-chart.js';
import { svgGroupedBars } from './svg-grouped-bars.js';
import { svgLineChart } from './svg-line-chart.js';
import { escapeXml, percent, SERIES_COLOURS } from './svg-text.js';

const STYLE = [
  'body{font:15px/1.45 system-ui,sans-serif;color:#222;max-width:1100px;margin:2em auto;',
  'padding:0 1em}h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em}',
  'table{border-collapse:collapse;margin:1em 0;font-size:13px}',
  'th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:right}',
  'thead th,tbody th{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:24px}',
  'svg .title{font-weight:600;font-size:14px}svg .tick{font-size:11px;fill:#555}',
  'svg .label{font-size:12px}svg .value{font-size:11px;fill:#333}svg .grid{stroke:#e4e4e4}',
  '.note{color:#555;font-size:13px}',
].join('');

const NOTES = {
  overTime:
    'Lines that coincide hide each other: buffers and holds change what the web promises, not ' +
    'how far the record drifts from the shelf, so those policies draw on top of webhooks; only ' +
    'counts bring the record back.',
  causes:
    'Judged when the promise was made: a stale view promised what the record no longer had; ' +
    'ghost units are units the record had and the shelf did not; "taken before the pick" means ' +
    'the unit was there and a walk-in or a thief took it before the store set it aside.',
  published:
    'Published: 65 % of about 370,000 records wrong at one US retailer (DeHoratius and Raman ' +
    '2008); about 60 % across 7 European retailers (ECR 2019); a full count about 85 % ' +
    'accurate falls to about 65 % within weeks (Hardgrave, 2015).',
  ledger:
    "Each re-read is diffed against the one before by the product's ledger rules and named by " +
    'its shape; several changes inside one webhook delay or between two ERP pushes make one ' +
    'movement. Theft and misplacement change no read, which is why only a count finds them.',
  model:
    'Each unit the file says sold is one purchase: a pickup order with the online share, else a ' +
    'walk-in at a moment within opening hours. The simulator leaves out returns, transfers, ' +
    'baskets of several units, shoppers who never collect and associates who fix a record ' +
    'when they find a shelf empty.',
};

/** The report as one self-contained HTML page: inline SVG charts, no outside assets. */
export function renderReport(result: SimulationResult): string {
  const { policies, input } = result;
  const sections = [
    `<h1>Drift simulation</h1><p>${escapeXml(summary(result))}</p>`,
    `<ul>${policies.map(describePolicy).join('')}</ul>`,
    section('What shoppers met', outcomesTable(policies)),
    section('Policy comparison', charts(comparisonCharts(policies))),
    section('Drift over time', charts(overTimeCharts(result)), NOTES.overTime),
    section('Broken promises by store', charts([byStoreChart(policies, input.stores)])),
    section('Why promises broke', causesTable(policies), NOTES.causes),
    section(
      'Records wrong: compare with the published figures',
      `<p>${escapeXml(accuracySentence(policies[0]))} ${escapeXml(NOTES.published)}</p>`,
    ),
    section('Every unit accounted for', conservationTable(policies)),
    section('What the ledger sees', movementsTable(policies), NOTES.ledger),
    section('Settings', settingsTable(result), NOTES.model),
  ];
  const head = [
    '<meta charset="utf-8">',
    '<title>trueshelf drift simulation</title>',
    `<style>${STYLE}</style>`,
  ].join('');
  const body = sections.join('\n');
  return `<!doctype html><html lang="en"><head>${head}</head><body>\n${body}\n</body></html>\n`;
}

function describePolicy(outcome: PolicyOutcome): string {
  return `<li><b>${escapeXml(outcome.policy)}</b>: ${escapeXml(outcome.description)}</li>`;
}

function section(title: string, body: string, note?: string): string {
  const after = note === undefined ? '' : `<p class="note">${escapeXml(note)}</p>`;
  return `<h2>${escapeXml(title)}</h2>${body}${after}`;
}

function charts(svgs: string[]): string {
  return `<div class="charts">${svgs.join('')}</div>`;
}

function summary(result: SimulationResult): string {
  const { input } = result;
  return (
    `${input.stores.length} stores, ${input.levels.toLocaleString('en-US')} item × store ` +
    `levels, ${input.dayCount} days (${input.firstDay} … ${input.lastDay}), ` +
    `${result.eventsSimulated.toLocaleString('en-US')} events simulated. Every policy meets ` +
    'the same shoppers and the same losses.'
  );
}

function accuracySentence(first: PolicyOutcome | undefined): string {
  if (!first) return '';
  const end = first.endOfRun;
  return (
    `At the end of the run, ${percent(end.wrongShare, 1)} of item × store records disagree ` +
    `with the shelf under ${first.policy} (${end.recordAboveShelf.toLocaleString('en-US')} ` +
    `above it, ${end.recordBelowShelf.toLocaleString('en-US')} below). This share is an ` +
    'output of the loss and error rates below, starting from records that all matched the shelf.'
  );
}

const colour = (index: number) => SERIES_COLOURS[index % SERIES_COLOURS.length]!;
const pct = (digits: number) => (value: number) => percent(value, digits);

function comparisonCharts(policies: readonly PolicyOutcome[]): string[] {
  const bars = (value: (p: PolicyOutcome) => number) =>
    policies.map((p, index) => ({ label: p.policy, value: value(p), colour: colour(index) }));
  const refusedShare = (p: PolicyOutcome) =>
    p.online.orders === 0 ? 0 : p.online.refusedWhileOnShelf / p.online.orders;
  return [
    svgBarChart(
      'Broken pickup promises (share of promises made)',
      bars((p) => p.promises.brokenRate ?? 0),
      pct(2),
    ),
    svgBarChart('Online orders refused with the unit on the shelf', bars(refusedShare), pct(2)),
    svgBarChart(
      'Item × store records wrong at the end',
      bars((p) => p.endOfRun.wrongShare),
      pct(0),
    ),
  ];
}

function overTimeCharts(result: SimulationResult): string[] {
  const lines = (pick: (p: PolicyOutcome) => readonly (number | null)[]) =>
    result.policies.map((p, index) => ({
      label: p.policy,
      colour: colour(index),
      values: pick(p),
    }));
  return [
    svgLineChart(
      'Drift: Σ|record − shelf| / Σ record',
      result.days,
      lines((p) => p.daily.driftPercent),
      (value) => `${value.toFixed(1)} %`,
    ),
    svgLineChart(
      'Records wrong (share of item × store levels)',
      result.days,
      lines((p) => p.daily.wrongShare),
      pct(0),
    ),
    svgLineChart(
      'Ghost units (record above shelf)',
      result.days,
      lines((p) => p.daily.ghostUnits),
      (value) => value.toLocaleString('en-US'),
    ),
  ];
}

function byStoreChart(policies: readonly PolicyOutcome[], stores: readonly string[]): string {
  return svgGroupedBars(
    'Broken pickup promises by store (share of promises made there)',
    stores.map((store, storeIndex) => ({
      label: store,
      values: policies.map((p) => p.byStore[storeIndex]?.brokenRate ?? null),
    })),
    policies.map((p, index) => ({ label: p.policy, colour: colour(index) })),
    pct(1),
  );
}
