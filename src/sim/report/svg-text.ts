/** Escapes text for HTML and SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A colour per series, readable on white and distinct in greyscale order. */
export const SERIES_COLOURS = ['#b2182b', '#ef8a62', '#67a9cf', '#2166ac', '#1b7837', '#762a83'];

/** Round numbers for an axis from 0 to at least `max`: about `count` steps of 1, 2 or 5 × 10ⁿ. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step * 0.999; tick += step)
    ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

/** `0.0123` → `1.23 %` (digits after the point as asked). */
export function percent(share: number | null, digits = 2): string {
  return share === null ? '–' : `${(share * 100).toFixed(digits)} %`;
}

export function formatNumber(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

const fixed = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** `<text>` with a class from the report's style sheet. */
export function svgText(
  x: number,
  y: number,
  className: string,
  content: string,
  anchor: 'start' | 'middle' | 'end' = 'start',
): string {
  const at = `x="${fixed(x)}" y="${fixed(y)}"`;
  return `<text ${at} class="${className}" text-anchor="${anchor}">${escapeXml(content)}</text>`;
}

/** A filled rectangle with a hover title. */
export function svgRect(
  x: number,
  y: number,
  width: number,
  height: number,
  fill: string,
  title?: string,
): string {
  const box = `x="${fixed(x)}" y="${fixed(y)}" width="${fixed(width)}" height="${fixed(height)}"`;
  const hover = title === undefined ? '' : `<title>${escapeXml(title)}</title>`;
  return `<rect ${box} fill="${fill}">${hover}</rect>`;
}

/** A grid line. */
export function svgGridLine(x1: number, y1: number, x2: number, y2: number): string {
  const ends = `x1="${fixed(x1)}" y1="${fixed(y1)}" x2="${fixed(x2)}" y2="${fixed(y2)}"`;
  return `<line ${ends} class="grid"/>`;
}

/** The outer `<svg>` of one chart, sized in CSS pixels and labelled for screen readers. */
export function svgRoot(width: number, height: number, title: string, parts: string[]): string {
  const size = `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"`;
  const label = `role="img" aria-label="${escapeXml(title)}"`;
  return `<svg xmlns="http://www.w3.org/2000/svg" ${size} ${label}>${parts.join('')}</svg>`;
}
