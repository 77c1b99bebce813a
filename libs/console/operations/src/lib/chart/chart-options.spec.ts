import type uPlot from 'uplot';
import { chartOptions, formatChartValue } from './chart-options';
import type { ChartTheme } from './chart-theme';

describe('chartOptions', () => {
  const theme: ChartTheme = { text: 'rgb(60, 60, 60)', grid: 'rgb(200, 200, 200)', series: { primary: 'blue', tertiary: 'violet', error: 'red', success: 'green', neutral: 'grey' } };

  it("strokes each line in its theme colour, dashes the ones asked, and draws axes in the theme's text and grid colours", () => {
    const options = chartOptions({
      series: [
        { label: 'Wait p50', color: 'primary', values: [] },
        { label: 'Wait p95', color: 'primary', dashed: true, values: [] },
      ],
      unit: 'ms',
      theme,
      width: 500,
      height: 200,
    });
    expect(options.series.slice(1).map((s) => [s.label, s.stroke, s.dash])).toEqual([
      ['Wait p50', 'blue', undefined],
      ['Wait p95', 'blue', [6, 4]],
    ]);
    expect(options.axes?.map((a) => [a.stroke, (a.grid as uPlot.Axis.Grid).stroke])).toEqual([
      ['rgb(60, 60, 60)', 'rgb(200, 200, 200)'],
      ['rgb(60, 60, 60)', 'rgb(200, 200, 200)'],
    ]);
  });

  it('draws counts as plain lines, and marks the points of percentiles, which have gaps', () => {
    const points = (unit: 'count' | 'ms') => chartOptions({ series: [{ label: 'x', color: 'primary', values: [] }], unit, theme, width: 1, height: 1 }).series[1].points;
    expect(points('count')).toEqual({ show: false });
    expect(points('ms')).toBeUndefined();
  });

  it('starts the y axis at 0, up to 100 for percents', () => {
    const range = (unit: 'count' | 'percent' | 'ms', max: number) => {
      const y = chartOptions({ series: [], unit, theme, width: 1, height: 1 }).scales?.['y']?.range as (u: uPlot, min: number, max: number, key: string) => [number, number];
      return y({} as uPlot, 0, max, 'y');
    };
    expect(range('count', 0)).toEqual([0, 4]);
    expect(range('count', 17)).toEqual([0, 17]);
    expect(range('percent', 12)).toEqual([0, 100]);
    expect(range('ms', 2500)).toEqual([0, 2500]);
  });

  it('formats the values of each unit', () => {
    expect(formatChartValue('count', 3)).toBe('3');
    expect(formatChartValue('percent', 12.5)).toBe('12.5%');
    expect(formatChartValue('percent', 40)).toBe('40%');
    expect(formatChartValue('ms', 2400)).toBe('2.4 s');
  });
});
