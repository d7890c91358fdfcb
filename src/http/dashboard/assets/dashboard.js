/* global document, window, fetch, setTimeout, clearTimeout, URLSearchParams */
// The dashboard's page script: a hash router over a few views, each polling its
// /dashboard/api call. Every value from the server goes in through textContent or an SVG
// attribute, never as markup, so a SKU or an error text cannot inject anything.

import { card, el, num, percent, say, svg, table, when } from './dom-helpers.js';
import { attributionView } from './attribution-view.js';
import { auditView } from './audit-view.js';
import { flowView } from './flow-view.js';
import { holdsView } from './holds-view.js';
import { bufferExplanation } from './buffer-explanation.js';

const POLL_MS = 3000;

const state = { session: null, timer: null, view: null };

// ---- talking to the server ----

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `request failed with ${status}`);
    this.status = status;
  }
}

async function api(path, options = {}) {
  const headers = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.method === 'POST' && state.session) headers['x-csrf-token'] = state.session.csrfToken;

  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (response.status === 401) {
    showSignIn('Your session has ended; sign in again.');
    throw new ApiError(401, body);
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

// ---- sign-in ----

// The pages in the navigation bar. They are put in only once signed in: before that the
// sign-in form is all there is, with no link to a page that would only answer 401.
const PAGES = [
  ['#/', 'Chain overview'],
  ['#/flow', 'Live flow'],
  ['#/holds', 'Holds and pickups'],
  ['#/audit', 'Audit'],
  ['#/attribution', 'Attribution'],
];

function showNav(signedIn) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...(signedIn ? PAGES.map(([href, text]) => el('a', { href, text })) : []));
  nav.hidden = !signedIn;
}

function showSignIn(message = '') {
  state.session = null;
  stopPolling();
  document.getElementById('sign-in').hidden = false;
  document.getElementById('page').hidden = true;
  showNav(false);
  document.getElementById('who').hidden = true;
  document.getElementById('sign-in-error').textContent = message;
}

function showSignedIn(session) {
  state.session = session;
  document.getElementById('sign-in').hidden = true;
  document.getElementById('page').hidden = false;
  showNav(true);
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent =
    `${session.client.name} (${session.client.scope})`;
  route();
}

async function signIn(event) {
  event.preventDefault();
  const input = document.getElementById('token');
  const response = await fetch('/dashboard/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ token: input.value }),
  });
  if (!response.ok) {
    showSignIn('That token is not one trueshelf knows.');
    input.focus();
    return;
  }
  input.value = '';
  showSignedIn(await response.json());
  document.getElementById('main').focus();
}

async function signOut() {
  try {
    await api('/dashboard/logout', { method: 'POST' });
  } finally {
    showSignIn('Signed out.');
  }
}

// ---- routing and polling ----

function stopPolling() {
  if (state.timer !== null) clearTimeout(state.timer);
  state.timer = null;
}

function route() {
  if (!state.session) return;
  stopPolling();
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  const page = document.getElementById('page');
  page.replaceChildren();

  for (const link of document.querySelectorAll('#nav a')) {
    const target = link.getAttribute('href').slice(1);
    if (target === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  const views = {
    '/': overviewView,
    '/store': storeView,
    '/item': itemView,
    '/flow': flowView,
    '/holds': holdsView,
    '/audit': auditView,
    '/attribution': attributionView,
  };
  const view = (views[path] ?? overviewView)(page, params, api, state.session);
  state.view = view;
  void poll(view);
}

async function poll(view) {
  if (state.view !== view || !state.session) return;
  try {
    if (!document.hidden) await view.refresh();
    say(`Updated ${new Date().toLocaleTimeString('en-GB')}`);
  } catch (error) {
    if (error.status === 401) return;
    say(`Could not update: ${error.message}`);
  }
  if (state.view === view && state.session)
    state.timer = setTimeout(() => void poll(view), POLL_MS);
}

// ---- chain overview ----

function overviewView(page) {
  const cards = el('div', { class: 'cards' });
  const chart = el('div');
  const list = el('div');
  page.append(
    el('h1', { text: 'Chain overview' }),
    cards,
    el('h2', { text: 'Sellable against on hand' }),
    chart,
    el('h2', { text: 'Locations' }),
    list,
  );

  return {
    async refresh() {
      const data = await api('/dashboard/api/overview');
      cards.replaceChildren(
        card('Locations', num(data.stores.length), 'locations'),
        card('On hand', num(data.totals.onHand), 'onHand'),
        card('Sellable', num(data.totals.sellable), 'sellable'),
        card('Held back', num(data.totals.heldBack), 'heldBack'),
        card('Levels at risk', num(data.totals.atRisk), 'atRisk'),
        card('Chain drift (last audit)', percent(data.drift?.chainDriftPercent), 'chainDrift'),
      );
      const driftOf = (s) => data.drift?.stores[s.handle] ?? null;
      const auditNote =
        data.drift === null
          ? 'the latest audit could not be built (see the server log)'
          : `counts imported up to ${when(data.drift.latestImportAt)}; threshold ${data.drift.thresholdPercent}%`;
      chart.replaceChildren(
        pairedBars(
          data.stores.map((s) => ({ label: s.name, a: s.sellable, b: s.onHand })),
          'Sellable',
          'On hand',
        ),
      );
      list.replaceChildren(
        table(
          `Per location: on hand, what channels may promise, units trueshelf holds back, levels where gross no longer covers buffer and holds, and drift at the latest audit (${auditNote}).`,
          [
            {
              key: 'name',
              label: 'Location',
              cell: (s) =>
                el('a', { href: `#/store?handle=${encodeURIComponent(s.handle)}`, text: s.name }),
            },
            { key: 'kind', label: 'Kind', cell: (s) => s.kind },
            {
              key: 'mode',
              label: 'Mode',
              cell: (s) => el('span', { class: `badge ${s.mode}`, text: s.mode }),
            },
            { key: 'managed', label: 'Managed', cell: (s) => (s.managed ? 'yes' : 'no') },
            { key: 'levels', label: 'Levels', num: true, cell: (s) => num(s.levels) },
            { key: 'onHand', label: 'On hand', num: true, cell: (s) => num(s.onHand) },
            { key: 'sellable', label: 'Sellable', num: true, cell: (s) => num(s.sellable) },
            { key: 'heldBack', label: 'Held back', num: true, cell: (s) => num(s.heldBack) },
            {
              key: 'atRisk',
              label: 'At risk',
              num: true,
              cell: (s) =>
                s.atRisk > 0 ? el('span', { class: 'badge risk', text: num(s.atRisk) }) : '0',
            },
            {
              key: 'drift',
              label: 'Drift',
              num: true,
              cell: (s) => {
                const drift = driftOf(s);
                if (drift === null) return 'not counted';
                return drift.overThreshold
                  ? el('span', {
                      class: 'badge risk',
                      title: `over the ${data.drift?.thresholdPercent}% threshold`,
                      text: `${percent(drift.driftPercent)} · over`,
                    })
                  : percent(drift.driftPercent);
              },
            },
          ],
          data.stores,
          (s) => ({ 'data-store': s.handle, class: s.atRisk > 0 ? 'risk-row' : null }),
        ),
      );
    },
  };
}

/** Two horizontal bars per row (a over b), scaled to the largest value; an inline SVG. */
function pairedBars(rows, labelA, labelB) {
  const width = 900;
  const labelWidth = 180;
  const rowHeight = 34;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.a, r.b)));
  const scale = (v) => (Math.max(0, v) / max) * (width - labelWidth - 70);
  const height = Math.max(rowHeight, rows.length * rowHeight) + 10;
  const chart = svg('svg', {
    class: 'chart',
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `${labelA} and ${labelB} per location`,
  });
  rows.forEach((row, index) => {
    const y = index * rowHeight + 4;
    chart.append(
      svg('text', {
        x: 0,
        y: y + 18,
        text: row.label.length > 24 ? `${row.label.slice(0, 23)}…` : row.label,
      }),
      svg('rect', { x: labelWidth, y, width: scale(row.a), height: 12, fill: '#0b4fb3' }),
      svg('text', { x: labelWidth + scale(row.a) + 6, y: y + 11, text: num(row.a) }),
      svg('rect', { x: labelWidth, y: y + 14, width: scale(row.b), height: 12, fill: '#d97706' }),
      svg('text', { x: labelWidth + scale(row.b) + 6, y: y + 25, text: num(row.b) }),
    );
  });
  const legend = el(
    'div',
    { class: 'legend', 'aria-hidden': 'true' },
    el('span', {}, el('span', { class: 'swatch a' }), labelA),
    el('span', {}, el('span', { class: 'swatch b' }), labelB),
  );
  return el('figure', {}, chart, legend);
}

// ---- a store ----

const FILTERS = {
  all: { label: 'All items', test: () => true },
  risk: {
    label: 'At risk (gross below buffer + held)',
    test: (l) => l.gross !== null && l.gross < (l.buffer ?? 0) + (l.held ?? 0),
  },
  zero: { label: 'Not sellable (0)', test: (l) => l.sellable === 0 },
  buffered: { label: 'With a buffer', test: (l) => (l.buffer ?? 0) > 0 },
  negative: { label: 'Available below zero', test: (l) => l.available < 0 },
};

function storeView(page, params) {
  const handle = params.get('handle') ?? '';
  const title = el('h1', { text: `Store ${handle}` });
  const cards = el('div', { class: 'cards' });
  const search = el('input', { id: 'store-search', type: 'search', placeholder: 'SKU or title' });
  const filter = el(
    'select',
    { id: 'store-filter' },
    Object.entries(FILTERS).map(([key, f]) => el('option', { value: key, text: f.label })),
  );
  const controls = el(
    'div',
    { class: 'controls' },
    el('div', {}, el('label', { for: 'store-search', text: 'Search' }), search),
    el('div', {}, el('label', { for: 'store-filter', text: 'Show' }), filter),
  );
  const list = el('div');
  page.append(title, cards, controls, list);
  let levels = [];

  const draw = () => {
    const words = search.value.trim().toLowerCase();
    const rule = FILTERS[filter.value] ?? FILTERS.all;
    const shown = levels.filter(
      (l) =>
        rule.test(l) && (!words || `${l.sku ?? ''} ${l.title ?? ''}`.toLowerCase().includes(words)),
    );
    list.replaceChildren(
      table(
        `${shown.length} of ${levels.length} items`,
        [
          {
            key: 'sku',
            label: 'SKU',
            cell: (l) =>
              el('a', {
                href: `#/item?id=${encodeURIComponent(l.itemId)}`,
                text: l.sku ?? l.itemId,
              }),
          },
          { key: 'title', label: 'Title', cell: (l) => l.title ?? '' },
          { key: 'onHand', label: 'On hand', num: true, cell: (l) => num(l.onHand) },
          { key: 'committed', label: 'Committed', num: true, cell: (l) => num(l.committed) },
          { key: 'reserved', label: 'Reserved', num: true, cell: (l) => num(l.reserved) },
          { key: 'buffer', label: 'Buffer', num: true, cell: (l) => num(l.buffer) },
          { key: 'held', label: 'Held', num: true, cell: (l) => num(l.held) },
          { key: 'sellable', label: 'Sellable', num: true, cell: (l) => num(l.sellable) },
          { key: 'lastChangeAt', label: 'Last change', cell: (l) => when(l.lastChangeAt) },
        ],
        shown,
        (l) => ({ 'data-item': l.itemId, class: FILTERS.risk.test(l) ? 'risk-row' : null }),
      ),
    );
  };
  search.addEventListener('input', draw);
  filter.addEventListener('change', draw);

  return {
    async refresh() {
      const data = await api(`/dashboard/api/store?handle=${encodeURIComponent(handle)}`);
      title.textContent = `${data.store.name} (${data.store.handle})`;
      cards.replaceChildren(
        card('Mode', data.store.mode, 'mode'),
        card('On hand', num(data.store.onHand), 'onHand'),
        card('Sellable', num(data.store.sellable), 'sellable'),
        card('Held back', num(data.store.heldBack), 'heldBack'),
        card('Levels at risk', num(data.store.atRisk), 'atRisk'),
      );
      levels = data.levels;
      draw();
      if (data.truncated) say('Only the first items are listed; search narrows them.');
    },
  };
}

// ---- an item ----

function itemView(page, params, api) {
  const id = params.get('id') ?? '';
  const kept = new Map();
  const title = el('h1', { text: `Item ${id}` });
  const levels = el('div');
  const explain = el('div');
  const ledger = el('div');
  page.append(
    title,
    el('h2', { text: 'Levels per location' }),
    levels,
    el('h2', { text: 'Why this much is sellable' }),
    explain,
    el('h2', { text: 'Movement ledger' }),
    ledger,
  );

  return {
    async refresh() {
      const data = await api(`/dashboard/api/item?id=${encodeURIComponent(id)}`);
      title.textContent = `${data.item.sku ?? data.item.id}${data.item.title ? ` · ${data.item.title}` : ''}`;
      levels.replaceChildren(
        table(
          'Shopify states as last read, with the stored decision',
          [
            {
              key: 'location',
              label: 'Location',
              cell: (l) =>
                el('a', {
                  href: `#/store?handle=${encodeURIComponent(l.location)}`,
                  text: l.location,
                }),
            },
            { key: 'onHand', label: 'On hand', num: true, cell: (l) => num(l.onHand) },
            { key: 'committed', label: 'Committed', num: true, cell: (l) => num(l.committed) },
            { key: 'reserved', label: 'Reserved', num: true, cell: (l) => num(l.reserved) },
            { key: 'available', label: 'Available', num: true, cell: (l) => num(l.available) },
            { key: 'gross', label: 'Gross', num: true, cell: (l) => num(l.decision?.gross) },
            { key: 'buffer', label: 'Buffer', num: true, cell: (l) => num(l.decision?.buffer) },
            { key: 'held', label: 'Held', num: true, cell: (l) => num(l.decision?.held) },
            {
              key: 'sellable',
              label: 'Sellable',
              num: true,
              cell: (l) => num(l.decision?.sellable),
            },
            { key: 'lastChangeAt', label: 'Last change', cell: (l) => when(l.lastChangeAt) },
          ],
          data.levels,
          (l) => ({ 'data-location': l.location }),
        ),
      );
      explain.replaceChildren(bufferExplanation(data.levels, { api, itemId: id, kept }));
      ledger.replaceChildren(
        table(
          `Newest ${data.movements.length} movements first`,
          [
            { key: 'occurredAt', label: 'Happened', cell: (m) => when(m.occurredAt) },
            { key: 'location', label: 'Location', cell: (m) => m.location },
            { key: 'state', label: 'State', cell: (m) => m.state },
            {
              key: 'delta',
              label: 'Change',
              num: true,
              cell: (m) => (m.delta > 0 ? `+${num(m.delta)}` : num(m.delta)),
            },
            { key: 'quantityAfter', label: 'After', num: true, cell: (m) => num(m.quantityAfter) },
            {
              key: 'cause',
              label: 'Cause',
              cell: (m) => (m.causeRef ? `${m.causeKind} ${m.causeRef}` : m.causeKind),
            },
            { key: 'source', label: 'Source', cell: (m) => m.source },
            { key: 'learnedAt', label: 'Learned', cell: (m) => when(m.learnedAt) },
          ],
          data.movements,
        ),
      );
    },
  };
}

// ---- start ----

async function start() {
  document.getElementById('sign-in-form').addEventListener('submit', (event) => void signIn(event));
  document.getElementById('sign-out').addEventListener('click', () => void signOut());
  window.addEventListener('hashchange', route);
  if (new URLSearchParams(window.location.search).get('signin') === 'failed')
    showSignIn('That token is not one trueshelf knows.');

  const response = await fetch('/dashboard/api/session', {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (response.ok) showSignedIn(await response.json());
  else document.getElementById('token').focus();
}

void start();
