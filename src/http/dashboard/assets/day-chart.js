import { el, svg } from './dom-helpers.js';

const WIDTH = 820;
const HEIGHT = 240;
const PAD = { left: 80, right: 12, top: 12, bottom: 40 };
const COLOURS = ['#0b4fb3', '#d97706'];

/**
 * Two series side by side for each day, as columns on one scale from zero; an inline SVG.
 * `days` is [{ day: 'YYYY-MM-DD', values: [a, b] }]; negative values (reversals) draw no bar
 * below zero but keep their number in the tooltip title, and the table beside it has them all.
 */
export function dayChart({ label, days, series, format, key }) {
  if (days.length === 0) return el('p', { class: 'muted', text: 'No days in this range.' });

  const largest = Math.max(1, ...days.flatMap((d) => d.values.map((v) => Math.max(0, v))));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / days.length;
  const bar = Math.max(2, Math.min(28, (slot - 6) / series.length));
  const y = (value) => PAD.top + plotHeight - (Math.max(0, value) / largest) * plotHeight;
  // At most about ten day labels, so they never overlap.
  const every = Math.max(1, Math.ceil(days.length / 10));

  const chart = svg(
    'svg',
    {
      class: 'chart bars',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-label': label,
      'data-chart': key,
    },
    svg('line', {
      x1: PAD.left,
      y1: PAD.top + plotHeight,
      x2: WIDTH - PAD.right,
      y2: PAD.top + plotHeight,
      stroke: '#4a4f57',
    }),
    svg('text', { x: 0, y: PAD.top + 12, text: format(largest) }),
    svg('text', { x: 0, y: PAD.top + plotHeight, text: format(0) }),
  );
  days.forEach((day, index) => {
    const x0 = PAD.left + index * slot + (slot - bar * series.length) / 2;
    day.values.forEach((value, s) => {
      const rect = svg('rect', {
        x: (x0 + s * bar).toFixed(1),
        y: y(value).toFixed(1),
        width: (bar - 1).toFixed(1),
        height: (PAD.top + plotHeight - y(value)).toFixed(1),
        fill: COLOURS[s % COLOURS.length],
        'data-day': day.day,
        'data-series': series[s],
      });
      rect.append(svg('title', { text: `${day.day} ${series[s]}: ${format(value)}` }));
      chart.append(rect);
    });
    if (index % every === 0) {
      chart.append(
        svg('text', {
          x: (PAD.left + index * slot + slot / 2).toFixed(1),
          y: HEIGHT - 12,
          'text-anchor': 'middle',
          text: day.day.slice(5),
        }),
      );
    }
  });

  const legend = el(
    'div',
    { class: 'legend', 'aria-hidden': 'true' },
    series.map((name, s) => el('span', {}, el('span', { class: `swatch ${'ab'[s]}` }), name)),
  );
  return el('figure', {}, chart, legend);
}
