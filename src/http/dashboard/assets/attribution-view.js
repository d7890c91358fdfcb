/* global window, URLSearchParams */
import { dayChart } from './day-chart.js';
import { card, el, num, table, when } from './dom-helpers.js';

/** Minor units as an amount in the currency's own decimals (2 for USD, 0 for JPY). */
function amount(minor, decimals = 2) {
  return (minor / 10 ** decimals).toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** Every day from `from` to `to` (YYYY-MM-DD), so days without credit still show as empty. */
function daysBetween(from, to) {
  const days = [];
  const last = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= last && days.length < 366; at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/**
 * Sale credit against fulfilment credit, per store and per store-local day, for a range of
 * days (the last week unless the form names one). The range lives in the page's address, so
 * a link shows the same days; the chart follows the store chosen beside it.
 */
export function attributionView(page, params, api) {
  const from = el('input', { id: 'attribution-from', type: 'date', value: params.get('from') });
  const to = el('input', { id: 'attribution-to', type: 'date', value: params.get('to') });
  const store = el('select', { id: 'attribution-store' });
  const form = el(
    'form',
    { class: 'controls', 'aria-label': 'Range of days' },
    el('div', {}, el('label', { for: 'attribution-from', text: 'First day' }), from),
    el('div', {}, el('label', { for: 'attribution-to', text: 'Last day' }), to),
    el('div', {}, el('button', { type: 'submit', text: 'Show' })),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    if (from.value) query.set('from', from.value);
    if (to.value) query.set('to', to.value);
    window.location.hash = `#/attribution?${query}`;
  });
  const body = el('div');
  const byDay = el('section', { hidden: true, 'aria-labelledby': 'attribution-by-day' });
  const chartBox = el('div');
  byDay.append(
    el('h2', { id: 'attribution-by-day', text: 'By day' }),
    el(
      'div',
      { class: 'controls' },
      el('div', {}, el('label', { for: 'attribution-store', text: 'Chart for' }), store),
    ),
    chartBox,
  );
  page.append(el('h1', { text: 'Attribution' }), form, body, byDay);

  const query = new URLSearchParams();
  for (const key of ['from', 'to']) if (params.get(key)) query.set(key, params.get(key));
  let shown = '';
  let data = null;
  // Redrawing only the chart keeps the focus on the store list while a keyboard user moves on it.
  store.addEventListener('change', () => chartBox.replaceChildren(chart(data, store)));

  return {
    async refresh() {
      const next = await api(`/dashboard/api/attribution?${query}`);
      const text = JSON.stringify({ ...next, generatedAt: null });
      if (text === shown) return;
      shown = text;
      data = next;

      const currency = data.enabled ? (data.currencies[0] ?? null) : null;
      byDay.hidden = currency === null;
      if (!data.enabled) {
        body.replaceChildren(el('p', { 'data-attribution': 'not-enabled', text: data.reason }));
        return;
      }
      from.value = data.from;
      to.value = data.to;
      body.replaceChildren(...sections(data, currency));
      if (currency === null) return;
      storeOptions(
        store,
        data.stores.filter((s) => s.currency === currency),
      );
      chartBox.replaceChildren(chart(data, store));
    },
  };
}

/** The chart's store list, rebuilt only when the stores change, keeping the one chosen. */
function storeOptions(select, stores) {
  const wanted = ['', ...stores.map((s) => s.store)].join('|');
  const have = [...select.options].map((o) => o.value).join('|');
  if (wanted === have) return;

  const chosen = select.value;
  select.replaceChildren(
    el('option', { value: '', text: 'All stores' }),
    ...stores.map((s) =>
      el('option', { value: s.store, text: s.name, selected: s.store === chosen }),
    ),
  );
}

function chart(data, store) {
  const currency = data.currencies[0];
  const decimals = data.decimals[currency] ?? 2;
  const days = daysBetween(data.from, data.to).map((day) => {
    const rows = data.days.filter(
      (d) => d.day === day && d.currency === currency && (!store.value || d.store === store.value),
    );
    return {
      day,
      values: [
        rows.reduce((sum, d) => sum + d.saleCredit, 0),
        rows.reduce((sum, d) => sum + d.fulfilmentCredit, 0),
      ],
    };
  });
  const who = data.stores.find((s) => s.store === store.value)?.name ?? 'all stores';
  const money = (minor) => amount(minor, decimals);
  // The same numbers as a table, for a screen reader and for reading exact amounts.
  const credited = days.filter((d) => d.values[0] !== 0 || d.values[1] !== 0);
  return el(
    'div',
    {},
    dayChart({
      label: `Sale and fulfilment credit per day for ${who}, ${data.from} to ${data.to}, in ${currency}`,
      key: 'attribution-days',
      days,
      series: ['Sale credit', 'Fulfilment credit'],
      format: money,
    }),
    table(
      `Days with credit for ${who}`,
      [
        { key: 'day', label: 'Day', cell: (d) => d.day },
        { key: 'saleCredit', label: 'Sale credit', num: true, cell: (d) => money(d.values[0]) },
        {
          key: 'fulfilmentCredit',
          label: 'Fulfilment credit',
          num: true,
          cell: (d) => money(d.values[1]),
        },
      ],
      credited,
      (d) => ({ 'data-day': d.day }),
    ),
  );
}

// TODO(multi-currency shops): cards, table and chart show the first currency the ledger holds;
// the others are only named, and the full report (`/v1/reports/attribution`) lists them.
function sections(data, currency) {
  if (currency === null) {
    return [
      el('p', {
        'data-attribution': 'empty',
        text: `No credit recorded from ${data.from} to ${data.to}.`,
      }),
    ];
  }
  const decimals = data.decimals[currency] ?? 2;
  const money = (minor) => amount(minor, decimals);
  const totals = data.totals.find((t) => t.currency === currency);
  const stores = data.stores.filter((s) => s.currency === currency);

  return [
    el('p', {
      class: 'muted',
      'data-attribution': 'meta',
      text: `${data.from} to ${data.to}, each store's days in its own time zone; amounts in ${currency}${data.currencies.length > 1 ? ` (also credited: ${data.currencies.slice(1).join(', ')}; see the full report)` : ''}. Built ${when(data.generatedAt)}.`,
    }),
    el(
      'div',
      { class: 'cards' },
      card('Sale credit', money(totals?.saleCredit ?? 0), 'saleCredit'),
      card('Fulfilment credit', money(totals?.fulfilmentCredit ?? 0), 'fulfilmentCredit'),
      card(
        'Reversed',
        money((totals?.reversedSale ?? 0) + (totals?.reversedFulfilment ?? 0)),
        'reversed',
      ),
      card('Orders', num(totals?.orders ?? 0), 'orders'),
    ),
    el('h2', { text: 'Per store' }),
    table(
      'The selling store earns sale credit, the fulfilling location fulfilment credit; reversals (refunds, cancellations) are included',
      [
        { key: 'store', label: 'Store', cell: (s) => s.name },
        { key: 'saleCredit', label: 'Sale credit', num: true, cell: (s) => money(s.saleCredit) },
        {
          key: 'fulfilmentCredit',
          label: 'Fulfilment credit',
          num: true,
          cell: (s) => money(s.fulfilmentCredit),
        },
        {
          key: 'reversedSale',
          label: 'Sale reversed',
          num: true,
          cell: (s) => money(s.reversedSale),
        },
        {
          key: 'reversedFulfilment',
          label: 'Fulfilment reversed',
          num: true,
          cell: (s) => money(s.reversedFulfilment),
        },
        { key: 'orders', label: 'Orders', num: true, cell: (s) => num(s.orders) },
      ],
      stores,
      (s) => ({ 'data-store': s.store }),
    ),
  ];
}
