import { el, svg } from './dom-helpers.js';

const WIDTH = 820;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 200;
const ROW_HEIGHT = 30;
const BAR = '#0b4fb3';
const ALERT = '#a3141f';

function shorten(text) {
  return text.length > 22 ? `${text.slice(0, 21)}…` : text;
}

/**
 * Horizontal bars, one per row, on one scale from zero to the largest value (or the threshold,
 * when larger). A row with `alert` is drawn in the alert colour and its value says so in words,
 * so the colour is never the only sign. A null value draws no bar and says `empty`.
 */
export function barChart({ label, rows, format, threshold, empty = 'no figure', key }) {
  const largest = Math.max(threshold?.value ?? 0, ...rows.map((row) => row.value ?? 0));
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const scale = largest > 0 ? plot / largest : 0;
  const top = threshold ? 18 : 4;
  const height = top + Math.max(1, rows.length) * ROW_HEIGHT + 6;

  const chart = svg('svg', {
    class: 'chart bars',
    viewBox: `0 0 ${WIDTH} ${height}`,
    role: 'img',
    'aria-label': label,
    'data-chart': key,
  });
  rows.forEach((row, index) => {
    const y = top + index * ROW_HEIGHT;
    const width = row.value === null ? 0 : Math.max(row.value > 0 ? 2 : 0, row.value * scale);
    const text =
      row.value === null ? empty : `${format(row.value)}${row.alert ? ' · over threshold' : ''}`;
    chart.append(
      svg('text', { x: 0, y: y + 18, text: shorten(row.label) }),
      svg('rect', {
        x: LABEL_WIDTH,
        y: y + 5,
        width: width.toFixed(1),
        height: 18,
        fill: row.alert ? ALERT : BAR,
        'data-bar': row.label,
      }),
      svg('text', { x: LABEL_WIDTH + width + 6, y: y + 18, text }),
    );
  });

  if (threshold && scale > 0) {
    const x = (LABEL_WIDTH + threshold.value * scale).toFixed(1);
    chart.append(
      svg('line', {
        x1: x,
        y1: top - 4,
        x2: x,
        y2: height - 2,
        stroke: ALERT,
        'stroke-width': 2,
        'stroke-dasharray': '6 4',
      }),
      svg('text', { x: Number(x) + 4, y: 12, class: 'alert-text', text: threshold.label }),
    );
  }
  return el('figure', {}, chart);
}
