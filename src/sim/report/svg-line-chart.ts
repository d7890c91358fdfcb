import { escapeXml, niceTicks, svgGridLine, svgRect, svgRoot, svgText } from './svg-text.js';

export interface LineSeries {
  label: string;
  colour: string;
  values: readonly (number | null)[];
}

/**
 * Lines over days, one per series, with a legend. Missing values break the line. Long runs are
 * thinned to about 400 points per line by keeping each stretch's last value, so the file stays
 * small and the shape stays true.
 */
export function svgLineChart(
  title: string,
  days: readonly string[],
  series: readonly LineSeries[],
  format: (value: number) => string,
): string {
  const left = 64;
  const plotWidth = 620;
  const plotHeight = 220;
  const top = 34;
  const legendTop = top + plotHeight + 34;
  const height = legendTop + series.length * 18 + 6;
  const kept = thinnedDays(days.length, 400);

  let max = 0;
  for (const line of series) {
    for (const value of line.values) if (value !== null && value > max) max = value;
  }
  const ticks = niceTicks(max);
  const scaleMax = ticks[ticks.length - 1]!;
  const span = Math.max(1, days.length - 1);
  const x = (day: number) => left + (days.length > 1 ? (day / span) * plotWidth : plotWidth / 2);
  const y = (value: number) =>
    top + plotHeight - (scaleMax > 0 ? (value / scaleMax) * plotHeight : 0);

  const parts = [svgText(0, 18, 'title', title)];
  for (const tick of ticks) {
    parts.push(svgGridLine(left, y(tick), left + plotWidth, y(tick)));
    parts.push(svgText(left - 6, y(tick) + 4, 'tick', format(tick), 'end'));
  }
  for (const day of new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])) {
    const anchor = day === 0 ? 'start' : day === days.length - 1 ? 'end' : 'middle';
    parts.push(svgText(x(day), top + plotHeight + 16, 'tick', days[day] ?? '', anchor));
  }
  series.forEach((line, index) => {
    for (const d of pathsOf(line.values, kept, x, y)) {
      const stroke = `fill="none" stroke="${line.colour}" stroke-width="2"`;
      parts.push(`<path d="${d}" ${stroke}><title>${escapeXml(line.label)}</title></path>`);
    }
    const legendY = legendTop + index * 18;
    parts.push(svgRect(left, legendY - 9, 14, 4, line.colour));
    parts.push(svgText(left + 20, legendY - 3, 'label', line.label));
  });

  return svgRoot(left + plotWidth + 20, height, title, parts);
}

// Every step-th day and the last, so a 1,913-day run draws about 400 points a line.
function thinnedDays(count: number, points: number): number[] {
  const step = Math.max(1, Math.ceil(count / points));
  const kept: number[] = [];
  for (let day = step - 1; day < count; day += step) kept.push(day);
  if (count > 0 && kept[kept.length - 1] !== count - 1) kept.push(count - 1);
  return kept;
}

function pathsOf(
  values: readonly (number | null)[],
  days: readonly number[],
  x: (day: number) => number,
  y: (value: number) => number,
): string[] {
  const paths: string[] = [];
  let path = '';
  for (const day of days) {
    const value = values[day] ?? null;
    if (value === null) {
      if (path) paths.push(path);
      path = '';
      continue;
    }
    path += `${path ? 'L' : 'M'}${x(day).toFixed(1)},${y(value).toFixed(1)}`;
  }
  if (path) paths.push(path);
  return paths;
}
