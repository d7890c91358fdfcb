/* global document, window, fetch, setTimeout, clearTimeout, URLSearchParams */
// The dashboard's page script: a hash router over a few views, each polling its
// /dashboard/api call. Every value from the server goes in through textContent or an SVG
// attribute, never as markup, so a SKU or an error text cannot inject anything.

const POLL_MS = 3000;
const FLOW_HISTORY = 60;
const SVG = 'http://www.w3.org/2000/svg';

const state = { session: null, timer: null, view: null, flowHistory: [], lastFlow: null };

// ---- small DOM helpers ----

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'on')
      for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'text') node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

function num(value) {
  return value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US');
}

function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)} UTC`;
}

function seconds(value) {
  if (value === null || value === undefined) return '—';
  return value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(2)} s`;
}

function ageOf(totalSeconds) {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
}

function table(caption, columns, rows, rowAttrs = () => ({})) {
  const head = el(
    'tr',
    {},
    columns.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label })),
  );
  const body = rows.map((row) =>
    el(
      'tr',
      rowAttrs(row),
      columns.map((c) => {
        const value = c.cell(row);
        const cell = el('td', {
          class: c.num ? 'num' : c.wrap ? 'wrap' : null,
          'data-field': c.key,
        });
        cell.append(
          typeof value === 'object' && value !== null
            ? value
            : document.createTextNode(String(value)),
        );
        return cell;
      }),
    ),
  );
  const empty =
    rows.length === 0
      ? el(
          'tr',
          {},
          el('td', { colspan: columns.length, class: 'muted', text: 'Nothing to show.' }),
        )
      : null;
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      {},
      el('caption', { class: 'muted', text: caption }),
      el('thead', {}, head),
      el('tbody', {}, body, empty),
    ),
  );
}

function card(label, value, key) {
  return el(
    'div',
    { class: 'card' },
    el('div', { class: 'label', text: label }),
    el('div', { class: 'value', 'data-card': key, text: value }),
  );
}

function say(message) {
  document.getElementById('status').textContent = message;
}

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

function showSignIn(message = '') {
  state.session = null;
  stopPolling();
  document.getElementById('sign-in').hidden = false;
  document.getElementById('page').hidden = true;
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  document.getElementById('sign-in-error').textContent = message;
}

function showSignedIn(session) {
  state.session = session;
  document.getElementById('sign-in').hidden = true;
  document.getElementById('page').hidden = false;
  document.getElementById('nav').hidden = false;
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
  };
  const view = (views[path] ?? overviewView)(page, params);
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
      );
      chart.replaceChildren(
        pairedBars(
          data.stores.map((s) => ({ label: s.name, a: s.sellable, b: s.onHand })),
          'Sellable',
          'On hand',
        ),
      );
      list.replaceChildren(
        table(
          'Per location: on hand, what channels may promise, units trueshelf holds back, and levels where gross no longer covers buffer and holds.',
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

function itemView(page, params) {
  const id = params.get('id') ?? '';
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
      explain.replaceChildren(
        el(
          'ul',
          {},
          data.levels.map((l) =>
            el(
              'li',
              { 'data-explain': l.location },
              l.decision
                ? `${l.location}: gross ${num(l.decision.gross)} (Shopify available ${num(l.available)} + units trueshelf placed: ${num(l.placedSafetyStock)} safety stock, ${num(l.placedReserved)} reserved); sellable = max(0, ${num(l.decision.gross)} − buffer ${num(l.decision.buffer)} − held ${num(l.decision.held)}) = ${num(l.decision.sellable)}. Targets in Shopify: ${num(l.decision.targetSafetyStock)} safety stock, ${num(l.decision.targetReserved)} reserved; decided ${when(l.decision.computedAt)}.`
                : `${l.location}: read but not decided yet.`,
            ),
          ),
        ),
      );
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

// ---- live flow ----

function flowView(page) {
  const cards = el('div', { class: 'cards' });
  const latency = el('div');
  const outcomes = el('div');
  const depth = el('div');
  const parkedDeliveries = el('div');
  const parkedPushes = el('div');
  page.append(
    el('h1', { text: 'Live flow' }),
    cards,
    el('h2', { text: 'Signal-to-channel latency over time' }),
    latency,
    el('h2', { text: 'Deliveries by outcome' }),
    outcomes,
    el('h2', { text: 'Outbox depth' }),
    depth,
    el('h2', { text: 'Parked deliveries' }),
    parkedDeliveries,
    el('h2', { text: 'Parked pushes' }),
    parkedPushes,
  );
  const admin = state.session?.client.scope === 'admin';

  const replayButton = (label, action) => {
    const button = el('button', {
      type: 'button',
      text: 'Replay',
      // The visible word is short; a screen reader hears which row it acts on.
      'aria-label': label,
      disabled: !admin,
      title: admin ? label : 'Replay needs an admin token',
    });
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await action();
        say(`${label}: handed back.`);
      } catch (error) {
        say(`${label} failed: ${error.message}`);
        button.disabled = false;
      }
    });
    return button;
  };

  const view = {
    async refresh() {
      const data = await api('/dashboard/api/flow');
      const previous = state.lastFlow;
      const elapsed = previous ? (new Date(data.at) - new Date(previous.at)) / 1000 : 0;
      const rate =
        previous && elapsed > 0
          ? (data.deliveriesTotal - previous.deliveriesTotal) / elapsed
          : null;
      state.lastFlow = data;
      state.flowHistory.push({
        at: data.at,
        p50: data.latency.p50Seconds,
        p99: data.latency.p99Seconds,
      });
      if (state.flowHistory.length > FLOW_HISTORY) state.flowHistory.shift();

      const outboxTotal = data.outboxDepth
        .filter((d) => d.status !== 'parked')
        .reduce((sum, d) => sum + d.depth, 0);
      cards.replaceChildren(
        card('Events per second', rate === null ? '—' : rate.toFixed(2), 'rate'),
        card('Latency p50', seconds(data.latency.p50Seconds), 'p50'),
        card('Latency p99', seconds(data.latency.p99Seconds), 'p99'),
        card('API points spent', num(data.apiPointsSpent), 'apiPoints'),
        card('Outbox depth', num(outboxTotal), 'outboxDepth'),
        card('Parked', num(data.parkedDeliveries.length + data.parkedPushes.length), 'parked'),
      );
      latency.replaceChildren(latencyChart(state.flowHistory, data.latency.samples));
      outcomes.replaceChildren(
        table(
          'Stored deliveries by status and outcome',
          [
            { key: 'status', label: 'Status', cell: (r) => r.status },
            { key: 'outcome', label: 'Outcome', cell: (r) => r.outcome ?? '—' },
            { key: 'count', label: 'Deliveries', num: true, cell: (r) => num(r.count) },
          ],
          data.deliveriesByOutcome,
          (r) => ({ 'data-status': r.status }),
        ),
      );
      depth.replaceChildren(
        table(
          'Outbox rows waiting, by channel and status',
          [
            { key: 'channel', label: 'Channel', cell: (r) => r.channel },
            { key: 'status', label: 'Status', cell: (r) => r.status },
            { key: 'depth', label: 'Rows', num: true, cell: (r) => num(r.depth) },
          ],
          data.outboxDepth,
        ),
      );
      parkedDeliveries.replaceChildren(
        table(
          'Deliveries that could not be applied; replay hands one back once its cause is fixed',
          [
            { key: 'receivedAt', label: 'Received', cell: (d) => when(d.receivedAt) },
            { key: 'topic', label: 'Topic', cell: (d) => d.topic },
            { key: 'error', label: 'Reason', wrap: true, cell: (d) => d.error ?? '' },
            {
              key: 'action',
              label: 'Action',
              cell: (d) =>
                replayButton(`Replay delivery ${d.id}`, () =>
                  api('/dashboard/api/deliveries/replay', {
                    method: 'POST',
                    body: { id: d.id },
                  }).then(() => view.refresh()),
                ),
            },
          ],
          data.parkedDeliveries,
          (d) => ({ 'data-delivery': d.id }),
        ),
      );
      parkedPushes.replaceChildren(
        table(
          'Pushes a channel refused for good; replay gives one a fresh attempt budget',
          [
            { key: 'channel', label: 'Channel', cell: (p) => p.channel },
            { key: 'itemId', label: 'Item', cell: (p) => p.itemId },
            { key: 'location', label: 'Location', cell: (p) => p.location },
            { key: 'lastError', label: 'Reason', wrap: true, cell: (p) => p.lastError ?? '' },
            {
              key: 'action',
              label: 'Action',
              cell: (p) =>
                replayButton(`Replay push ${p.channel} ${p.itemId} ${p.location}`, () =>
                  api('/dashboard/api/outbox/replay', {
                    method: 'POST',
                    body: { channel: p.channel, item: p.itemId, location: p.location },
                  }).then(() => view.refresh()),
                ),
            },
          ],
          data.parkedPushes,
          (p) => ({ 'data-push': `${p.channel}|${p.itemId}|${p.location}` }),
        ),
      );
    },
  };
  return view;
}

/** p50 and p99 as two lines over the polls seen since the page opened; an inline SVG. */
function latencyChart(history, samples) {
  const width = 900;
  const height = 220;
  const pad = { left: 60, right: 16, top: 12, bottom: 28 };
  const values = history.flatMap((h) => [h.p50, h.p99]).filter((v) => v !== null);
  if (values.length === 0)
    return el('p', { class: 'muted', text: 'No signal has reached a channel yet.' });

  const max = Math.max(...values) * 1.1 || 1;
  const x = (i) =>
    pad.left +
    (history.length <= 1 ? 0 : (i / (history.length - 1)) * (width - pad.left - pad.right));
  const y = (v) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const line = (key) =>
    history
      .map((h, i) => (h[key] === null ? null : `${x(i).toFixed(1)},${y(h[key]).toFixed(1)}`))
      .filter(Boolean)
      .join(' ');
  const dots = (key, colour) =>
    history.flatMap((h, i) =>
      h[key] === null ? [] : [svg('circle', { cx: x(i), cy: y(h[key]), r: 3, fill: colour })],
    );
  const chart = svg(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `Latency p50 and p99 over the last ${history.length} updates, from ${samples} recent pushes`,
    },
    svg('line', {
      x1: pad.left,
      y1: height - pad.bottom,
      x2: width - pad.right,
      y2: height - pad.bottom,
      stroke: '#4a4f57',
    }),
    svg('line', {
      x1: pad.left,
      y1: pad.top,
      x2: pad.left,
      y2: height - pad.bottom,
      stroke: '#4a4f57',
    }),
    svg('text', { x: 4, y: pad.top + 10, text: seconds(max) }),
    svg('text', { x: 4, y: height - pad.bottom, text: '0' }),
    svg('text', { x: pad.left, y: height - 6, text: 'older' }),
    svg('text', { x: width - pad.right - 36, y: height - 6, text: 'now' }),
    svg('polyline', { points: line('p50'), fill: 'none', stroke: '#0b4fb3', 'stroke-width': 2 }),
    svg('polyline', { points: line('p99'), fill: 'none', stroke: '#d97706', 'stroke-width': 2 }),
    // A dot per poll, so a single reading (one point, no line yet) still shows.
    dots('p50', '#0b4fb3'),
    dots('p99', '#d97706'),
  );
  const legend = el(
    'div',
    { class: 'legend', 'aria-hidden': 'true' },
    el('span', {}, el('span', { class: 'swatch a' }), 'p50'),
    el('span', {}, el('span', { class: 'swatch b' }), 'p99'),
  );
  return el('figure', {}, chart, legend);
}

// ---- holds and pickups ----

function holdsView(page) {
  const body = el('div');
  page.append(el('h1', { text: 'Holds and pickups' }), body);

  return {
    async refresh() {
      const data = await api('/dashboard/api/holds');
      if (!data.enabled) {
        body.replaceChildren(
          el('p', { 'data-holds': 'not-enabled', text: 'Holds are not enabled on this database.' }),
        );
        return;
      }
      body.replaceChildren(
        el('h2', { text: 'Sold from under a pickup' }),
        table(
          'Open alerts, newest first',
          [
            { key: 'raisedAt', label: 'Raised', cell: (a) => when(a.raisedAt) },
            { key: 'location', label: 'Store', cell: (a) => a.location },
            { key: 'sku', label: 'SKU', cell: (a) => a.sku ?? a.item },
            { key: 'unitsShort', label: 'Units short', num: true, cell: (a) => num(a.unitsShort) },
            { key: 'message', label: 'What happened', wrap: true, cell: (a) => a.message },
          ],
          data.alerts,
        ),
        el('h2', { text: 'Pickup queue' }),
        table(
          'Open pickup orders, oldest first, against the store’s pickup time',
          [
            { key: 'order', label: 'Order', cell: (p) => p.orderName ?? p.orderId },
            { key: 'location', label: 'Store', cell: (p) => p.location ?? '—' },
            { key: 'age', label: 'Age', cell: (p) => ageOf(p.ageSeconds) },
            { key: 'dueAt', label: 'Due', cell: (p) => when(p.dueAt) },
            {
              key: 'state',
              label: 'State',
              cell: (p) =>
                p.overdue
                  ? el('span', { class: 'badge overdue', text: 'overdue' })
                  : p.readyAt
                    ? 'ready'
                    : 'preparing',
            },
            {
              key: 'units',
              label: 'Units',
              num: true,
              cell: (p) => num(p.lines.reduce((sum, l) => sum + l.quantity, 0)),
            },
          ],
          data.pickups,
        ),
        el('h2', { text: 'Live holds' }),
        table(
          'Active holds and holds in checkout',
          [
            { key: 'cartId', label: 'Cart', cell: (h) => h.cartId },
            { key: 'status', label: 'Status', cell: (h) => h.status },
            {
              key: 'lines',
              label: 'Lines',
              wrap: true,
              cell: (h) =>
                h.lines
                  .map((l) => `${l.quantity} × ${l.sku ?? l.item} at ${l.location}`)
                  .join('; '),
            },
            { key: 'expiresAt', label: 'Expires', cell: (h) => when(h.expiresAt) },
          ],
          data.holds,
        ),
      );
    },
  };
}

// ---- audit ----

function auditView(page) {
  page.append(
    el('h1', { text: 'Audit and attribution' }),
    el('p', {
      'data-audit': 'placeholder',
      text: 'No audit data API exists yet. Run `trueshelf audit report` for the HTML report; this page will show it once the API lands.',
    }),
  );
  return { async refresh() {} };
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
