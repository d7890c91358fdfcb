import { niceTicks, svgGridLine, svgRect, svgRoot, svgText } from './svg-text.js';

export interface BarGroup {
  label: string;
  values: readonly (number | null)[];
}

/** Vertical bars in groups (e.g. stores), one bar per series (e.g. policies) in each. */
export function svgGroupedBars(
  title: string,
  groups: readonly BarGroup[],
  series: readonly { label: string; colour: string }[],
  format: (value: number) => string,
): string {
  const left = 64;
  const top = 34;
  const plotHeight = 200;
  const barWidth = 9;
  const groupWidth = series.length * barWidth + 14;
  const plotWidth = Math.max(300, groups.length * groupWidth);
  const legendTop = top + plotHeight + 40;
  const height = legendTop + series.length * 18 + 6;
  let max = 0;
  for (const group of groups) {
    for (const value of group.values) if (value !== null && value > max) max = value;
  }
  const ticks = niceTicks(max);
  const scaleMax = ticks[ticks.length - 1]!;
  const bottom = top + plotHeight;
  const y = (value: number) => bottom - (scaleMax > 0 ? (value / scaleMax) * plotHeight : 0);

  const parts = [svgText(0, 18, 'title', title)];
  for (const tick of ticks) {
    parts.push(svgGridLine(left, y(tick), left + plotWidth, y(tick)));
    parts.push(svgText(left - 6, y(tick) + 4, 'tick', format(tick), 'end'));
  }
  groups.forEach((group, groupIndex) => {
    const groupLeft = left + groupIndex * groupWidth + 7;
    group.values.forEach((value, seriesIndex) => {
      if (value === null) return;
      const entry = series[seriesIndex];
      const hover = `${group.label}, ${entry?.label ?? ''}: ${format(value)}`;
      const barLeft = groupLeft + seriesIndex * barWidth;
      parts.push(
        svgRect(barLeft, y(value), barWidth - 1, bottom - y(value), entry?.colour ?? '#777', hover),
      );
    });
    const middle = groupLeft + (series.length * barWidth) / 2;
    parts.push(svgText(middle, bottom + 16, 'tick', group.label, 'middle'));
  });
  series.forEach((entry, index) => {
    const legendY = legendTop + index * 18;
    parts.push(svgRect(left, legendY - 11, 12, 10, entry.colour));
    parts.push(svgText(left + 18, legendY - 2, 'label', entry.label));
  });

  return svgRoot(left + plotWidth + 20, height, title, parts);
}
