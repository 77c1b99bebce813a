import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { JobTimelineEntry } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';
import { AnalyzersApi } from './analyzers-api';
import { JobsApi } from './jobs-api';
import { PresetsApi } from './presets-api';

describe('the jobs, presets and analyzers clients', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/base/api' }] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists jobs with the search, dates and sort in the wire names, leaving out what is empty or the default', () => {
    const api = TestBed.inject(JobsApi);
    api.list({ status: ['failed'], type: ['analyze', 'batch'], q: '  dusk ', createdAfter: '2026-03-01T00:00:00.000Z', createdBefore: null, sort: 'created_at', limit: 25, cursor: 'c1' }).subscribe();
    expect(http.expectOne((r) => r.url === '/base/api/jobs').request.urlWithParams).toBe(
      '/base/api/jobs?status=failed&type=analyze,batch&q=dusk&created_after=2026-03-01T00:00:00.000Z&sort=created_at&limit=25&cursor=c1',
    );
    api.list({ q: ' ', sort: '-created_at' }).subscribe();
    expect(http.expectOne((r) => r.url === '/base/api/jobs').request.urlWithParams).toBe('/base/api/jobs');
  });

  it('sends a bulk action with job ids or with the filter in the wire names', () => {
    const api = TestBed.inject(JobsApi);
    api.bulk('delete', { jobIds: ['a', 'b'] }).subscribe();
    expect(http.expectOne('/base/api/jobs/bulk').request.body).toEqual({ action: 'delete', job_ids: ['a', 'b'] });
    api.bulk('cancel', { filter: { status: ['queued'], parentId: 'p', createdBefore: '2026-03-02T00:00:00.000Z' } }).subscribe();
    expect(http.expectOne('/base/api/jobs/bulk').request.body).toEqual({ action: 'cancel', filter: { status: ['queued'], parent_id: 'p', created_before: '2026-03-02T00:00:00.000Z' } });
  });

  it("reads a job's timeline", () => {
    let events: JobTimelineEntry[] | undefined;
    TestBed.inject(JobsApi).events('j/1').subscribe((e) => (events = e));
    const entry: JobTimelineEntry = { at: '2026-03-01T10:00:00.000Z', kind: 'created', attempt: 0, detail: {}, actor: 'u1' };
    http.expectOne('/base/api/jobs/j%2F1/events').flush({ events: [entry] });
    expect(events).toEqual([entry]);
  });

  it('starts an image generation from a preset, with a prompt only when one is given', () => {
    const api = TestBed.inject(PresetsApi);
    api.generate('p1').subscribe();
    expect(http.expectOne('/base/api/presets/p1/generate').request.body).toEqual({});
    api.generate('p1', ' warmer light ').subscribe();
    expect(http.expectOne('/base/api/presets/p1/generate').request.body).toEqual({ prompt: 'warmer light' });
  });

  it('reads the upload limits with the analyzers, and null from a server that does not send them', () => {
    const api = TestBed.inject(AnalyzersApi);
    const answers: unknown[] = [];
    api.catalog().subscribe((c) => answers.push(c.limits));
    http.expectOne('/base/api/analyzers').flush({ analyzers: [], limits: { max_upload_bytes: 20971520, max_pixels: 40000000 } });
    api.catalog().subscribe((c) => answers.push(c.limits));
    http.expectOne('/base/api/analyzers').flush({ analyzers: [] });
    expect(answers).toEqual([{ maxBytes: 20971520, maxPixels: 40000000 }, null]);
  });
});
