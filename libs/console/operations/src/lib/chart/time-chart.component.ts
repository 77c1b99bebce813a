import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, ViewEncapsulation, afterNextRender, afterRenderEffect, inject, input, signal, viewChild } from '@angular/core';
import { CHART_RENDERER, type ChartHandle, type DrawChart } from './chart-renderer';
import { chartData, chartOptions, type ChartSeries, type ChartUnit } from './chart-options';
import { readChartTheme, watchColorScheme } from './chart-theme';

/**
 * A time series chart (uPlot on a canvas) that fills its container's width, follows it when it
 * resizes, and redraws in the theme's colours when light or dark changes. The canvas is hidden from
 * assistive technology: the page next to it gives the same numbers as text and a table.
 */
@Component({
  selector: 'atl-time-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // uPlot builds its DOM itself, outside the template: its styles cannot be scoped to the template.
  encapsulation: ViewEncapsulation.None,
  template: `<div #plot class="atl-time-chart-plot" aria-hidden="true"></div>`,
  styleUrl: './time-chart.component.scss',
  host: { class: 'atl-time-chart' },
})
export class TimeChart {
  /** Start of each point, epoch milliseconds. */
  readonly times = input.required<readonly number[]>();
  readonly series = input.required<readonly ChartSeries[]>();
  readonly unit = input<ChartUnit>('count');
  readonly height = input(220);

  private readonly loadRenderer = inject(CHART_RENDERER);
  private readonly draw = signal<DrawChart | null>(null);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly plot = viewChild.required<ElementRef<HTMLElement>>('plot');
  private readonly width = signal(0);
  /** Bumped when the colours may have changed. */
  private readonly scheme = signal(0);
  private chart: ChartHandle | null = null;
  /** What the chart was built for: series, unit and colours; when it changes the chart is built again. */
  private built = '';
  private size = { width: 0, height: 0 };

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      this.loadRenderer().then(
        (draw) => this.draw.set(draw),
        (err: unknown) => console.error('The chart library did not load', err),
      );
      this.width.set(this.host.clientWidth);
      if (typeof ResizeObserver === 'function') {
        const observer = new ResizeObserver(([entry]) => this.width.set(Math.floor(entry.contentRect.width)));
        observer.observe(this.host);
        destroyRef.onDestroy(() => observer.disconnect());
      }
      const unwatch = watchColorScheme(this.host.ownerDocument, () => this.scheme.update((n) => n + 1));
      destroyRef.onDestroy(unwatch);
    });
    destroyRef.onDestroy(() => this.chart?.destroy());

    afterRenderEffect(() => {
      const draw = this.draw();
      const width = this.width();
      const height = this.height();
      const series = this.series();
      const times = this.times();
      const unit = this.unit();
      this.scheme();
      if (!draw || width <= 0) return;
      const theme = readChartTheme(this.host);
      const shape = JSON.stringify([unit, theme, series.map((s) => [s.label, s.color, !!s.dashed])]);
      const data = chartData(times, series);
      if (!this.chart || shape !== this.built) {
        this.chart?.destroy();
        this.chart = draw(chartOptions({ series, unit, theme, width, height }), data, this.plot().nativeElement);
        this.built = shape;
        this.size = { width, height };
        return;
      }
      if (width !== this.size.width || height !== this.size.height) {
        this.size = { width, height };
        this.chart.setSize(this.size);
      }
      this.chart.setData(data);
    });
  }
}
