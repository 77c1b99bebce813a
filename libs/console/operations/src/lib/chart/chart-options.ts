import type uPlot from 'uplot';
import { formatLatency } from '../shared/relative-time';
import type { ChartColor, ChartTheme } from './chart-theme';

/** What the values of a chart's y axis are. */
export type ChartUnit = 'count' | 'percent' | 'ms';

export interface ChartSeries {
  readonly label: string;
  readonly color: ChartColor;
  /** Dashed, so that two lines of one colour (p50 and p95, say) differ without colour too. */
  readonly dashed?: boolean;
  /** One value per time; null where there is none (a gap). */
  readonly values: readonly (number | null)[];
}

const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000];

export function formatChartValue(unit: ChartUnit, value: number): string {
  switch (unit) {
    case 'count':
      return String(Math.round(value));
    case 'percent':
      return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
    case 'ms':
      return formatLatency(value);
  }
}

/** uPlot's options for time series of one unit, in the theme's colours; the y axis starts at 0. */
export function chartOptions(spec: {
  readonly series: readonly ChartSeries[];
  readonly unit: ChartUnit;
  readonly theme: ChartTheme;
  readonly width: number;
  readonly height: number;
}): uPlot.Options {
  const { unit, theme } = spec;
  const axis = { stroke: theme.text, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 } };
  return {
    width: spec.width,
    height: spec.height,
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: true },
      y: { range: (_u, _min, max) => [0, unit === 'percent' ? 100 : Math.max(max, unit === 'count' ? 4 : 1)] },
    },
    axes: [
      axis,
      {
        ...axis,
        size: unit === 'ms' ? 64 : 48,
        ...(unit === 'count' ? { incrs: COUNT_STEPS } : {}),
        values: (_u, splits) => splits.map((v) => formatChartValue(unit, v)),
      },
    ],
    series: [
      {},
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: theme.series[s.color],
        width: 2,
        ...(s.dashed ? { dash: [6, 4] } : {}),
        // Counts have a value in every bucket: a line says it all. Percentiles and rates have gaps,
        // where a lone value would not show without its point.
        ...(unit === 'count' ? { points: { show: false } } : {}),
        value: (_u: uPlot, v: number | null) => (v === null || v === undefined ? '—' : formatChartValue(unit, v)),
      })),
    ],
  };
}

/** uPlot's data: times in seconds, then one array per series. */
export function chartData(times: readonly number[], series: readonly ChartSeries[]): uPlot.AlignedData {
  return [times.map((t) => t / 1000), ...series.map((s) => s.values as (number | null)[])];
}
