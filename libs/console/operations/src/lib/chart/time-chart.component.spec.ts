import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type uPlot from 'uplot';
import type { ChartSeries } from './chart-options';
import { CHART_RENDERER, type ChartHandle } from './chart-renderer';
import { TimeChart } from './time-chart.component';

/** What the fake renderer was asked to do, in order. */
type Call = { kind: 'create'; options: uPlot.Options; data: uPlot.AlignedData } | { kind: 'data'; data: uPlot.AlignedData } | { kind: 'size'; width: number } | { kind: 'destroy' };

@Component({
  imports: [TimeChart],
  template: `<atl-time-chart [times]="times()" [series]="series()" unit="count" [height]="200" />`,
})
class Host {
  readonly times = signal<readonly number[]>([Date.parse('2025-01-01T10:00:00Z'), Date.parse('2025-01-01T10:01:00Z')]);
  readonly series = signal<readonly ChartSeries[]>([{ label: 'Created', color: 'primary', values: [1, 2] }]);
}

describe('TimeChart', () => {
  let calls: Call[];
  let resize: (width: number) => void;

  beforeEach(() => {
    calls = [];
    // jsdom lays nothing out: the container's width comes from this stand-in for ResizeObserver.
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(private readonly callback: ResizeObserverCallback) {
          resize = (width) => this.callback([{ contentRect: { width } } as ResizeObserverEntry], this as unknown as ResizeObserver);
        }
        observe(): void {
          resize(640);
        }
        disconnect(): void {
          resize = () => undefined;
        }
      },
    );
    const handle: ChartHandle = {
      setData: (data) => calls.push({ kind: 'data', data }),
      setSize: ({ width }) => calls.push({ kind: 'size', width }),
      destroy: () => calls.push({ kind: 'destroy' }),
    };
    TestBed.configureTestingModule({
      providers: [
        {
          provide: CHART_RENDERER,
          useValue: () => Promise.resolve((options: uPlot.Options, data: uPlot.AlignedData) => (calls.push({ kind: 'create', options, data }), handle)),
        },
      ],
    });
  });

  afterEach(() => vi.unstubAllGlobals());

  it("draws once at its container's width, with times in seconds and a labelled series per line", async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    expect(calls.map((c) => c.kind)).toEqual(['create']);
    const created = calls[0] as Extract<Call, { kind: 'create' }>;
    expect(created.options.width).toBe(640);
    expect(created.options.height).toBe(200);
    expect(created.options.series.map((s) => s.label)).toEqual([undefined, 'Created']);
    expect(created.data).toEqual([[1735725600, 1735725660], [1, 2]]);
    expect((fixture.nativeElement as HTMLElement).querySelector('.atl-time-chart-plot')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('gives new values to the same chart, follows a resize, and builds again only when the lines change', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    fixture.componentInstance.series.set([{ label: 'Created', color: 'primary', values: [3, 4] }]);
    await fixture.whenStable();
    expect(calls.at(-1)).toEqual({ kind: 'data', data: [[1735725600, 1735725660], [3, 4]] });

    resize(320);
    await fixture.whenStable();
    expect(calls.slice(-2)).toEqual([{ kind: 'size', width: 320 }, { kind: 'data', data: [[1735725600, 1735725660], [3, 4]] }]);

    fixture.componentInstance.series.set([
      { label: 'Created', color: 'primary', values: [3, 4] },
      { label: 'Failed', color: 'error', values: [0, 1] },
    ]);
    await fixture.whenStable();
    expect(calls.slice(-2).map((c) => c.kind)).toEqual(['destroy', 'create']);

    fixture.destroy();
    expect(calls.at(-1)).toEqual({ kind: 'destroy' });
  });

  it('redraws in the new colours when the light or dark theme changes', async () => {
    // jsdom computes no custom properties: the colour the probe resolves to is set here.
    let themeColor = 'rgb(0, 90, 190)';
    vi.spyOn(window, 'getComputedStyle').mockImplementation(() => ({ color: themeColor }) as CSSStyleDeclaration);
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    expect((calls[0] as Extract<Call, { kind: 'create' }>).options.series[1].stroke).toBe('rgb(0, 90, 190)');

    themeColor = 'rgb(170, 200, 255)';
    document.documentElement.classList.add('atl-theme-dark');
    try {
      await vi.waitFor(() => expect(calls.slice(1).map((c) => c.kind)).toEqual(['destroy', 'create']));
      expect((calls[2] as Extract<Call, { kind: 'create' }>).options.series[1].stroke).toBe('rgb(170, 200, 255)');
    } finally {
      document.documentElement.classList.remove('atl-theme-dark');
      vi.restoreAllMocks();
    }
  });
});
