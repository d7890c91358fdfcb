import { card, el, num, say, seconds, svg, table, when } from './dom-helpers.js';

const FLOW_HISTORY = 60;

/** What earlier polls saw, kept across visits to the page: the rate and the chart need it. */
const seen = { last: null, history: [] };

/**
 * Live flow: events per second (two polls' difference), signal-to-channel latency over time,
 * API points, outbox depth, and parked deliveries and pushes with their replay buttons.
 */
export function flowView(page, _params, api, session) {
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
  const admin = session?.client.scope === 'admin';

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
      const previous = seen.last;
      const elapsed = previous ? (new Date(data.at) - new Date(previous.at)) / 1000 : 0;
      const rate =
        previous && elapsed > 0
          ? (data.deliveriesTotal - previous.deliveriesTotal) / elapsed
          : null;
      seen.last = data;
      seen.history.push({
        at: data.at,
        p50: data.latency.p50Seconds,
        p99: data.latency.p99Seconds,
      });
      if (seen.history.length > FLOW_HISTORY) seen.history.shift();

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
      latency.replaceChildren(latencyChart(seen.history, data.latency.samples));
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
