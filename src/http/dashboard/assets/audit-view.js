import { barChart } from './bar-chart.js';
import { card, el, money, num, percent, table, when } from './dom-helpers.js';

const storeLink = (handle, name) =>
  el('a', { href: `#/store?handle=${encodeURIComponent(handle)}`, text: name });

function flagBadge(flagged) {
  return flagged ? el('span', { class: 'badge risk', text: 'over threshold' }) : 'within';
}

function driftColumns(labelColumn) {
  return [
    labelColumn,
    { key: 'counts', label: 'Counts', num: true, cell: (r) => num(r.counts) },
    { key: 'systemUnits', label: 'System', num: true, cell: (r) => num(r.systemUnits) },
    { key: 'countedUnits', label: 'Counted', num: true, cell: (r) => num(r.countedUnits) },
    {
      key: 'absoluteVarianceUnits',
      label: 'Σ |variance|',
      num: true,
      cell: (r) => num(r.absoluteVarianceUnits),
    },
    { key: 'driftPercent', label: 'Drift', num: true, cell: (r) => percent(r.driftPercent) },
    { key: 'ghostUnits', label: 'Ghost units', num: true, cell: (r) => num(r.ghostUnits) },
    {
      key: 'ghostCost',
      label: 'Ghost at cost',
      num: true,
      cell: (r) => money(r.ghostValue.costCents),
    },
    {
      key: 'ghostRetail',
      label: 'Ghost at retail',
      num: true,
      cell: (r) => money(r.ghostValue.retailCents),
    },
    { key: 'foundUnits', label: 'Found units', num: true, cell: (r) => num(r.foundUnits) },
  ];
}

/**
 * The latest audit: each level's latest accepted count against the books as of its own
 * instant, as `trueshelf audit report` builds it. Redrawn only when the report changes, so a
 * keyboard user's place in a table is not lost to a poll.
 */
export function auditView(page, _params, api) {
  const body = el('div');
  page.append(el('h1', { text: 'Audit' }), body);
  let shown = '';

  return {
    async refresh() {
      const data = await api('/dashboard/api/audit');
      const text = JSON.stringify(data);
      if (text === shown) return;
      shown = text;

      if (data.chain.counts === 0 && data.unreconciledCounts === 0) {
        body.replaceChildren(
          el('p', {
            'data-audit': 'empty',
            text: 'No accepted cycle counts yet. Import one with `trueshelf audit import <file>`; the latest audit shows here.',
          }),
        );
        return;
      }
      body.replaceChildren(...auditSections(data).filter((part) => part !== null));
    },
  };
}

function auditSections(data) {
  const flagged = data.stores.filter((s) => s.overThreshold);
  const threshold = { value: data.thresholdPercent, label: `threshold ${data.thresholdPercent}%` };

  return [
    el('p', {
      class: 'muted',
      'data-audit': 'meta',
      text: `${num(data.imports)} accepted count import${data.imports === 1 ? '' : 's'}, the newest imported ${when(data.latestImportAt)}; each level weighs with its latest count, taken against the books as of that count. Built ${when(data.generatedAt)}.`,
    }),
    el(
      'div',
      { class: 'cards' },
      card('Chain drift', percent(data.chain.driftPercent), 'chainDrift'),
      card('Counts', num(data.chain.counts), 'counts'),
      card(
        `Over ${data.thresholdPercent}%`,
        `${num(flagged.length)} of ${num(data.stores.length)}`,
        'flagged',
      ),
      card('Ghost units', num(data.chain.ghostUnits), 'ghostUnits'),
      card('Ghost at cost', money(data.chain.ghostValue.costCents), 'ghostCost'),
      card('Ghost at retail', money(data.chain.ghostValue.retailCents), 'ghostRetail'),
    ),
    flagged.length === 0
      ? el('p', { 'data-audit': 'flagged', text: `No store is over ${data.thresholdPercent}%.` })
      : el('p', {
          class: 'alert-text',
          'data-audit': 'flagged',
          text: `Over the ${data.thresholdPercent}% threshold: ${flagged.map((s) => `${s.name} (${percent(s.driftPercent)})`).join(', ')}.`,
        }),
    data.chain.missingCost > 0 || data.chain.missingPrice > 0
      ? el('p', {
          class: 'muted',
          'data-audit': 'missing-values',
          text: `Values leave out counts with a variance whose item has no cost (${num(data.chain.missingCost)}) or no price (${num(data.chain.missingPrice)}).`,
        })
      : null,
    data.unreconciledCounts > 0
      ? el('p', {
          class: 'muted',
          text: `${num(data.unreconciledCounts)} counts predate trueshelf's books for their level and are left out of drift.`,
        })
      : null,

    el('h2', { text: 'Drift per store' }),
    barChart({
      label: `Drift % per store, threshold ${data.thresholdPercent}%`,
      key: 'store-drift',
      rows: data.stores.map((s) => ({
        label: s.name,
        value: s.driftPercent,
        alert: s.overThreshold,
      })),
      format: percent,
      threshold,
    }),
    table(
      'Each store’s latest counts: drift % = Σ |system − counted| / Σ system',
      driftColumns({
        key: 'store',
        label: 'Store',
        cell: (s) => storeLink(s.locationHandle, s.name),
      }).concat([{ key: 'flag', label: 'Flag', cell: (s) => flagBadge(s.overThreshold) }]),
      data.stores,
      (s) => ({ 'data-store': s.locationHandle, class: s.overThreshold ? 'risk-row' : null }),
    ),

    el('h2', { text: 'Ghost units per store' }),
    barChart({
      label: 'Ghost units per store: units the books show that were not on the shelf',
      key: 'store-ghosts',
      rows: data.stores.map((s) => ({ label: s.name, value: s.ghostUnits })),
      format: (v) => `${num(v)} unit${v === 1 ? '' : 's'}`,
    }),

    el('h2', { text: 'Drift per category' }),
    barChart({
      label: 'Drift % per category',
      key: 'category-drift',
      rows: data.categories.map((c) => ({
        label: c.category || '(no category)',
        value: c.driftPercent,
      })),
      format: percent,
    }),
    table(
      'Every store’s counts, by the item’s category',
      driftColumns({ key: 'category', label: 'Category', cell: (c) => c.category || '(none)' }),
      data.categories,
      (c) => ({ 'data-category': c.category }),
    ),

    el('h2', { text: 'Worst items' }),
    worstItems(data.worstItems),
  ];
}

function worstItems(items) {
  return table(
    'The largest variances by value at cost, with what the ledger suggests',
    [
      {
        key: 'sku',
        label: 'SKU',
        cell: (w) =>
          el('a', { href: `#/item?id=${encodeURIComponent(w.itemId)}`, text: w.sku ?? w.itemId }),
      },
      { key: 'location', label: 'Store', cell: (w) => w.locationHandle },
      { key: 'countedAt', label: 'Counted', cell: (w) => when(w.countedAt) },
      { key: 'systemOnHand', label: 'System', num: true, cell: (w) => num(w.systemOnHand) },
      { key: 'countedQuantity', label: 'Counted', num: true, cell: (w) => num(w.countedQuantity) },
      {
        key: 'variance',
        label: 'Variance',
        num: true,
        cell: (w) => (w.variance > 0 ? `+${num(w.variance)}` : num(w.variance)),
      },
      {
        key: 'varianceCost',
        label: 'At cost',
        num: true,
        cell: (w) => (w.varianceCostCents === null ? '—' : money(w.varianceCostCents)),
      },
      {
        key: 'causes',
        label: 'Likely causes',
        wrap: true,
        cell: (w) => (w.causes.length === 0 ? 'none found in the ledger' : w.causes.join('; ')),
      },
    ],
    items,
    (w) => ({ 'data-worst': `${w.locationHandle}|${w.itemId}` }),
  );
}
