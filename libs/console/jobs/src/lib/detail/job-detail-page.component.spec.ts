import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Job, JobTimelineEntry } from '@atelier/contracts';
import { AuthState, EVENT_SOURCE_FACTORY, JobsStream } from '@atelier/console/data-access';
import { FakeEventSource, makeJob, makeUser } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import { JobDetailPage } from './job-detail-page.component';

describe('JobDetailPage', { timeout: 15_000 }, () => {
  let fixture: ComponentFixture<JobDetailPage>;
  let http: HttpTestingController;
  const me = makeUser({ role: 'member' });

  function open(jobId: string): void {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideConsoleIcons(),
        { provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource },
      ],
    });
    TestBed.inject(AuthState).signedInAs(me);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(JobDetailPage);
    fixture.componentRef.setInput('job_id', jobId);
    fixture.detectChanges();
  }

  afterEach(() => {
    http.verify();
    vi.unstubAllGlobals();
  });

  const el = () => fixture.nativeElement as HTMLElement;
  const text = (selector = ':scope') => el().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const at = (s: string) => `2026-03-01T10:00:${s}.000Z`;
  async function answer(job: Job, events: JobTimelineEntry[]): Promise<void> {
    http.expectOne(`/api/jobs/${job.job_id}`).flush(job);
    http.expectOne(`/api/jobs/${job.job_id}/events`).flush({ events });
    TestBed.tick();
  }

  it('says plainly that no job has this id, with a way back to the list', async () => {
    open('not-a-job');
    http.expectOne('/api/jobs/not-a-job').flush({ title: 'Not Found', status: 404, detail: 'No job with id "not-a-job".' }, { status: 404, statusText: 'Not Found' });
    http.expectOne('/api/jobs/not-a-job/events').flush({ title: 'Not Found', status: 404 }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(text('[data-testid="job-not-found"] h1')).toBe('No job with this id');
    expect(el().querySelector('[data-testid="job-not-found"] a')?.getAttribute('href')).toBe('/jobs');
  });

  it('shows the job with its input image, file, presets by name and each attempt with worker, duration and error', async () => {
    const job = makeJob({
      status: 'completed',
      attempts: 2,
      input: { analyzer: 'hair-color', image_id: 'img-7' },
      result: { preset_id: 'p-1', analyzer: 'hair-color', data: {} },
      metadata: { file_name: 'portrait.png' },
      created_at: at('00'),
      started_at: at('05'),
      finished_at: at('07'),
    });
    open(job.job_id);
    await answer(job, [
      { at: at('00'), kind: 'created', attempt: 0, detail: {}, actor: me.user_id },
      { at: at('01'), kind: 'started', attempt: 1, detail: { worker_id: 'node-a:41' }, actor: null },
      { at: at('02'), kind: 'attempt_failed', attempt: 1, detail: { worker_id: 'node-a:41', duration_ms: 900, retry_at: at('05'), error: { message: 'The vision model timed out.', code: 'upstream_timeout', retryable: true } }, actor: null },
      { at: at('05'), kind: 'started', attempt: 2, detail: { worker_id: 'node-b:12' }, actor: null },
      { at: at('07'), kind: 'completed', attempt: 2, detail: { duration_ms: 2100 }, actor: null },
    ]);
    (await vi.waitFor(() => http.expectOne('/api/presets/p-1'))).flush({ preset_id: 'p-1', name: 'Dusk copper' });
    await fixture.whenStable();

    expect(text('h1')).toBe(job.title);
    expect(el().querySelector('img')?.getAttribute('src')).toBe('/api/images/img-7/thumbnail');
    expect(text('figcaption')).toBe('portrait.png');
    expect(el().querySelector('a[href="/presets/p-1"]')?.textContent?.trim()).toBe('Dusk copper');
    const attempts = [...el().querySelectorAll('[data-testid="job-attempt"]')].map((a) => a.textContent?.replace(/\s+/g, ' ').trim());
    expect(attempts[0]).toMatch(/^Attempt 1 ?Failed, retried ?900 ms Worker node-a:41 · started .* · next attempt at .* The vision model timed out\. upstream_timeout$/);
    expect(attempts[1]).toMatch(/^Attempt 2 ?Completed ?2s Worker node-b:12 · started /);
    expect(text('[data-testid="job-timeline"] li')).toMatch(/Created by you$/);
    expect([...el().querySelectorAll('button')].map((b) => b.textContent?.trim())).toContain('Delete');
  });

  it('follows the job live: its new state from the stream, and the timeline read again', async () => {
    const job = makeJob({ status: 'running', started_at: at('01'), created_at: at('00') });
    open(job.job_id);
    await answer(job, [{ at: at('01'), kind: 'started', attempt: 1, detail: { worker_id: 'w1' }, actor: null }]);
    const stream = TestBed.inject(JobsStream);
    stream.connect();
    const source = FakeEventSource.instances[0];
    source.open();
    source.emit('snapshot', '1', { jobs: [job] });
    const failed = { ...job, status: 'failed' as const, error: { message: 'Broken image.', code: 'image_undecodable', retryable: false }, finished_at: at('03'), updated_at: at('03') };
    source.emit('job.failed', '2', failed);
    await fixture.whenStable();
    expect(text('[data-testid="job-status-line"]')).toMatch(/^Failed/);
    expect([...el().querySelectorAll('button')].map((b) => b.textContent?.trim())).toEqual(expect.arrayContaining(['Retry', 'Delete']));
    const events = await vi.waitFor(() => http.expectOne(`/api/jobs/${job.job_id}/events`));
    events.flush({ events: [{ at: at('03'), kind: 'failed', attempt: 1, detail: { error: failed.error }, actor: null }] });
    await fixture.whenStable();
    expect(text('[data-testid="job-timeline"]')).toContain('Broken image.');
    stream.disconnect();
  });
});
