import { escapeHtml } from './escape-html.js';

export interface BarSeries {
  readonly name: string;
  readonly colour: string;
}

export interface BarRow {
  readonly label: string;
  /** One value per series; null draws no bar. */
  readonly values: readonly (number | null)[];
  /** Drawn in the alert colour instead of the series colour. */
  readonly alert?: boolean;
}

export interface BarChart {
  readonly title: string;
  readonly series: readonly BarSeries[];
  readonly rows: readonly BarRow[];
  readonly format: (value: number) => string;
  /** A dashed reference line (the drift threshold). */
  readonly threshold?: { readonly value: number; readonly label: string };
}

const WIDTH = 720;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 90;
const BAR_HEIGHT = 14;
const GAP = 8;
const ALERT = '#c0392b';

/**
 * A horizontal bar chart as inline SVG: no script, no external asset, readable without CSS.
 * Bars share one scale from zero to the largest value (or the threshold, if larger).
 */
export function svgBarChart(chart: BarChart): string {
  const perRow = chart.series.length * BAR_HEIGHT + GAP;
  const top = 28 + (chart.series.length > 1 ? 18 : 0);
  const height = top + chart.rows.length * perRow + 12;
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const largest = Math.max(
    chart.threshold?.value ?? 0,
    ...chart.rows.flatMap((r) => r.values.map((v) => v ?? 0)),
  );
  const scale = largest > 0 ? plot / largest : 0;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(chart.title)}">`,
    `<text x="0" y="16" font-size="14" font-weight="bold">${escapeHtml(chart.title)}</text>`,
  ];
  if (chart.series.length > 1) {
    chart.series.forEach((s, i) => {
      const x = LABEL_WIDTH + i * 140;
      parts.push(`<rect x="${x}" y="26" width="10" height="10" fill="${s.colour}"/>`);
      parts.push(`<text x="${x + 14}" y="35" font-size="11">${escapeHtml(s.name)}</text>`);
    });
  }

  chart.rows.forEach((row, r) => {
    const y = top + r * perRow;
    parts.push(
      `<text x="${LABEL_WIDTH - 6}" y="${y + (chart.series.length * BAR_HEIGHT) / 2 + 4}" font-size="11" text-anchor="end">${escapeHtml(row.label)}</text>`,
    );
    row.values.forEach((value, s) => {
      if (value === null) return;
      const barY = y + s * BAR_HEIGHT;
      const colour = row.alert ? ALERT : (chart.series[s]?.colour ?? '#555');
      const barWidth = Math.max(value > 0 ? 1 : 0, value * scale);
      parts.push(
        `<rect x="${LABEL_WIDTH}" y="${barY}" width="${barWidth.toFixed(1)}" height="${BAR_HEIGHT - 2}" fill="${colour}"/>`,
      );
      parts.push(
        `<text x="${(LABEL_WIDTH + barWidth + 4).toFixed(1)}" y="${barY + BAR_HEIGHT - 4}" font-size="10">${escapeHtml(chart.format(value))}</text>`,
      );
    });
  });

  if (chart.threshold && scale > 0) {
    const x = (LABEL_WIDTH + chart.threshold.value * scale).toFixed(1);
    parts.push(
      `<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${height - 8}" stroke="${ALERT}" stroke-dasharray="4 3"/>`,
    );
    parts.push(
      `<text x="${x}" y="${height - 1}" font-size="10" fill="${ALERT}" text-anchor="middle">${escapeHtml(chart.threshold.label)}</text>`,
    );
  }

  parts.push('</svg>');
  return parts.join('');
}
