import { niceTicks, svgGridLine, svgRect, svgRoot, svgText } from './svg-text.js';

export interface Bar {
  label: string;
  value: number;
  colour: string;
}

/**
 * Horizontal bars, one per label, with the value written at the bar's end. Horizontal, because
 * policy names are long and read better on the left than slanted under a column.
 */
export function svgBarChart(
  title: string,
  bars: readonly Bar[],
  format: (value: number) => string,
): string {
  const labelWidth = 230;
  const plotWidth = 330;
  const rowHeight = 26;
  const top = 34;
  const height = top + bars.length * rowHeight + 28;
  const ticks = niceTicks(Math.max(...bars.map((bar) => bar.value), 0));
  const scaleMax = ticks[ticks.length - 1]!;
  const x = (value: number) => labelWidth + (scaleMax > 0 ? (value / scaleMax) * plotWidth : 0);

  const parts = [svgText(0, 18, 'title', title)];
  for (const tick of ticks) {
    parts.push(svgGridLine(x(tick), top - 4, x(tick), height - 24));
    parts.push(svgText(x(tick), height - 8, 'tick', format(tick), 'middle'));
  }
  bars.forEach((bar, index) => {
    const y = top + index * rowHeight;
    const width = Math.max(0, x(bar.value) - labelWidth);
    const value = format(bar.value);
    parts.push(svgText(labelWidth - 8, y + 16, 'label', bar.label, 'end'));
    parts.push(
      svgRect(labelWidth, y + 3, width, rowHeight - 8, bar.colour, `${bar.label}: ${value}`),
    );
    parts.push(svgText(labelWidth + width + 5, y + 16, 'value', value));
  });

  return svgRoot(labelWidth + plotWidth + 80, height, title, parts);
}
