import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { MockInstance } from 'vitest';
import type { StatsSummary, TimeseriesPoint } from '@atelier/contracts';
import { JobsStream } from '@atelier/console/data-access';
import { FakeEventSource, makeJob } from '@atelier/console/data-access/testing';
import { textOf } from '../../testing/dom-text';
import { makePoint, makeSummary } from '../../testing/operations.factory';
import { provideOperationsTesting } from '../../testing/operations-testing';
import { CHART_RENDERER } from '../chart/chart-renderer';
import { DashboardPage, LIVE_REFRESH_GAP_MS } from './dashboard-page.component';

describe('DashboardPage', () => {
  let fixture: ComponentFixture<DashboardPage>;
  let http: HttpTestingController;
  let navigate: MockInstance<Router['navigate']>;
  const now = Date.parse('2025-01-01T12:00:30.000Z');

  function setUp(inputs: { range?: string; type?: string } = {}): void {
    vi.stubGlobal('EventSource', FakeEventSource);
    TestBed.configureTestingModule({
      // The charts are drawn by nothing: their numbers are checked in the text and tables beside them.
      providers: [...provideOperationsTesting(), { provide: CHART_RENDERER, useValue: () => new Promise(() => undefined) }],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(DashboardPage);
    fixture.componentRef.setInput('range', inputs.range);
    fixture.componentRef.setInput('type', inputs.type);
    TestBed.tick();
  }

  afterEach(() => {
    http.verify();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const el = () => fixture.nativeElement as HTMLElement;
  const text = (selector: string) => textOf(el().querySelector(selector));
  const params = (r: TestRequest) => Object.fromEntries(r.request.params.keys().map((k) => [k, r.request.params.get(k) ?? '']));

  /** Answers the reads of one refresh: the summary and the time series (per type when one is asked for). */
  async function answer(summary: StatsSummary, points: TimeseriesPoint[], typed: TimeseriesPoint[] = points): Promise<Record<string, string>[]> {
    http.expectOne('/api/stats/summary').flush(summary);
    const series = http.match((r) => r.url === '/api/stats/timeseries');
    for (const r of series) {
      const p = params(r);
      r.flush({ bucket: p['bucket'], from: p['from'], to: p['to'], type: p['type'] ?? null, points: p['type'] ? typed : points });
    }
    TestBed.tick();
    return series.map(params);
  }

  const busyHour = [
    makePoint('2025-01-01T11:58:00.000Z', { created: 5, completed: 3, failed: 1, wait_ms: { p50: 120, p95: 800 }, run_ms: { p50: 2000, p95: 5200 } }),
    makePoint('2025-01-01T11:59:00.000Z'),
    makePoint('2025-01-01T12:00:00.000Z', { created: 1, cancelled: 1 }),
  ];
  const summary = makeSummary({
    by_status: { queued: 4, running: 2, completed: 30, failed: 1, cancelled: 1 },
    by_type: { analyze: { queued: 3, running: 2 }, generate_image: { queued: 1 } },
    oldest_queued_at: '2025-01-01T11:57:25.000Z',
  });

  it('shows the last hour per minute: the queue now, the oldest waiting job, failures and their rate, with text and tables beside the charts', async () => {
    vi.useFakeTimers({ now, toFake: ['Date'] });
    setUp();
    const [series] = await answer(summary, busyHour);
    expect(series).toEqual({ from: '2025-01-01T11:00:30.000Z', to: '2025-01-01T12:00:30.000Z', bucket: '1m' });

    expect(text('[data-testid="tile-queued"]')).toBe('Queued now 4 2 running · Queues');
    expect(text('[data-testid="tile-oldest"]')).toBe('Oldest queued job 3m 05s ago Queued jobs');
    expect(text('[data-testid="tile-failed"]')).toBe('Failed in the last hour 1 Failed jobs');
    expect(text('[data-testid="tile-failure-rate"]')).toBe('Failure rate 25% of 4 finished (cancelled left out)');
    expect(text('[data-testid="throughput-summary"]')).toBe('In the last hour: 6 jobs created, 3 completed, 1 failed, 1 cancelled; 25% of finished jobs failed.');
    expect(text('[data-testid="latency-summary"]')).toBe('All types, the last hour: wait p95 peaked at 800 ms; run p95 peaked at 5.2 s (per 1-minute bucket).');
    const rows = [...el().querySelectorAll('[data-testid="throughput-table"] tbody tr')].map((r) => [...r.children].map((c) => c.textContent?.trim()));
    expect(rows.map((r) => r.slice(1))).toEqual([
      ['5', '3', '1', '0'],
      ['1', '0', '0', '1'],
    ]);
    expect([...el().querySelectorAll('[data-testid="latency-table"] tbody td')].map((c) => c.textContent?.trim())).toEqual(['120 ms', '800 ms', '2.0 s', '5.2 s']);
    expect([...el().querySelectorAll('[data-testid="queue-depth"] tbody tr')].map(textOf)).toEqual(['Analysis 3 2', 'Image generation 1 0']);
    expect(el().querySelectorAll('atl-time-chart')).toHaveLength(3);
  });

  it('reads 7 days per hour for ?range=7d, and the chosen type for its wait and run times', async () => {
    vi.useFakeTimers({ now, toFake: ['Date'] });
    setUp({ range: '7d', type: 'analyze' });
    const typed = [makePoint('2025-01-01T11:00:00.000Z', { wait_ms: { p50: 10, p95: 40 }, run_ms: { p50: 900, p95: 1900 } })];
    const series = await answer(summary, busyHour, typed);
    expect(series).toEqual([
      { from: '2024-12-25T12:00:30.000Z', to: '2025-01-01T12:00:30.000Z', bucket: '1h' },
      { from: '2024-12-25T12:00:30.000Z', to: '2025-01-01T12:00:30.000Z', bucket: '1h', type: 'analyze' },
    ]);
    expect(text('[data-testid="latency-summary"]')).toBe('Analysis, the last 7 days: wait p95 peaked at 40 ms; run p95 peaked at 1.9 s (per 1-hour bucket).');
    expect(text('[data-testid="tile-failed"]')).toContain('Failed in the last 7 days');
  });

  it('puts the chosen range and type in the address', async () => {
    setUp();
    await answer(summary, busyHour);
    const toggles = [...el().querySelectorAll<HTMLButtonElement>('[data-testid="dashboard-range"] button')];
    expect(toggles.map((b) => b.textContent?.trim())).toEqual(['1 h', '24 h', '7 d']);
    toggles[1].click();
    expect(navigate).toHaveBeenLastCalledWith([], { queryParams: { range: '24h' }, queryParamsHandling: 'merge' });
  });

  it('reads again when jobs change, at once and then at most once per gap however many events come, and not while nothing happens', async () => {
    vi.useFakeTimers({ now, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    setUp();
    await answer(summary, busyHour);
    const stream = TestBed.inject(JobsStream);
    stream.connect();
    const source = FakeEventSource.instances[0];
    source.open();
    source.emit('snapshot', '1', { jobs: [] });

    vi.advanceTimersByTime(30_000);
    http.expectNone('/api/stats/summary');

    source.emit('job.created', '2', makeJob({ status: 'queued' }));
    await answer(makeSummary({ by_status: { queued: 5, running: 2, completed: 30, failed: 1, cancelled: 1 } }), busyHour);
    expect(text('[data-testid="tile-queued"]')).toContain('Queued now 5');

    for (let i = 3; i < 20; i++) source.emit('job.updated', String(i), makeJob({ status: 'running' }));
    http.expectNone('/api/stats/summary');
    vi.advanceTimersByTime(LIVE_REFRESH_GAP_MS);
    await answer(summary, busyHour);
    vi.advanceTimersByTime(LIVE_REFRESH_GAP_MS * 2);
    http.expectNone('/api/stats/summary');
    stream.disconnect();
  });

  it('says why the statistics could not be read and keeps what it showed; Try again reads them again', async () => {
    setUp();
    await answer(summary, busyHour);
    fixture.componentRef.setInput('range', '24h');
    TestBed.tick();
    http.expectOne('/api/stats/summary').flush({ title: 'Service Unavailable', status: 503, detail: 'The database is not reachable.' }, { status: 503, statusText: 'Service Unavailable' });
    http.match((r) => r.url === '/api/stats/timeseries');
    TestBed.tick();
    expect(text('[role="alert"]')).toBe('Could not load the statistics: The database is not reachable. Try again');
    expect(text('[data-testid="tile-queued"]')).toContain('Queued now 4');

    el().querySelector<HTMLButtonElement>('[data-testid="dashboard-retry"]')!.click();
    const [series] = await answer(summary, busyHour);
    expect(series['bucket']).toBe('5m');
    expect(el().querySelector('[role="alert"]')).toBeNull();
  });
});
