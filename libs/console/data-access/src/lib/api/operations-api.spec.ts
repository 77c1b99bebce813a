import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { QueueInfo, Timeseries } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';
import { OperationsApi } from './operations-api';

describe('OperationsApi', () => {
  let api: OperationsApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/base/api' }] });
    api = TestBed.inject(OperationsApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('asks for a time series with the range as ISO times, the bucket, and the type only when one is given', () => {
    const from = new Date('2025-01-01T10:00:00.000Z');
    const to = new Date('2025-01-01T11:00:00.000Z');
    const series: Timeseries = { bucket: '1m', from: from.toISOString(), to: to.toISOString(), type: null, points: [] };
    let answer: Timeseries | undefined;
    api.timeseries({ from, to, bucket: '1m' }).subscribe((s) => (answer = s));
    const all = http.expectOne((r) => r.url === '/base/api/stats/timeseries');
    expect(all.request.urlWithParams).toBe('/base/api/stats/timeseries?from=2025-01-01T10:00:00.000Z&to=2025-01-01T11:00:00.000Z&bucket=1m');
    all.flush(series);
    expect(answer).toEqual(series);

    api.timeseries({ from, to, bucket: '1h', type: 'analyze' }).subscribe();
    const typed = http.expectOne((r) => r.url === '/base/api/stats/timeseries');
    expect(typed.request.params.get('type')).toBe('analyze');
    expect(typed.request.params.get('bucket')).toBe('1h');
    typed.flush({ ...series, bucket: '1h', type: 'analyze' });
  });

  it('reads the summary, the queues and the workers', () => {
    api.summary().subscribe();
    http.expectOne({ method: 'GET', url: '/base/api/stats/summary' }).flush({ by_status: {}, by_type: {}, oldest_queued_at: null });
    api.queues().subscribe();
    http.expectOne({ method: 'GET', url: '/base/api/queues' }).flush({ queues: [] });
    api.workers().subscribe();
    http.expectOne({ method: 'GET', url: '/base/api/workers' }).flush({ workers: [] });
  });

  it('pauses and resumes a queue with an empty POST, answering the queue as it is now', () => {
    const paused: QueueInfo = { type: 'analyze', paused: true, queued: 3, running: 1, concurrency: 4, changed_at: '2025-01-01T10:00:00.000Z', changed_by: 'u1' };
    let answer: QueueInfo | undefined;
    api.pauseQueue('analyze').subscribe((q) => (answer = q));
    const pause = http.expectOne('/base/api/queues/analyze/pause');
    expect(pause.request.method).toBe('POST');
    expect(pause.request.body).toBeNull();
    pause.flush(paused);
    expect(answer).toEqual(paused);

    api.resumeQueue('generate_image').subscribe();
    const resume = http.expectOne('/base/api/queues/generate_image/resume');
    expect(resume.request.method).toBe('POST');
    resume.flush({ ...paused, type: 'generate_image', paused: false });
  });
});
