import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { Router, provideRouter } from '@angular/router';
import { of } from 'rxjs';
import type { Job } from '@atelier/contracts';
import { EVENT_SOURCE_FACTORY, JobsStream } from '@atelier/console/data-access';
import { FakeEventSource, makeJob } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import { JobsPage } from './jobs-page.component';

describe('JobsPage', { timeout: 15_000 }, () => {
  let fixture: ComponentFixture<JobsPage>;
  let http: HttpTestingController;
  let navigations: Record<string, unknown>[];

  function setUp(options: { phone?: boolean; params?: Record<string, string> } = {}): void {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    navigations = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideConsoleIcons(),
        { provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource },
        { provide: BreakpointObserver, useValue: { observe: () => of({ matches: !!options.phone, breakpoints: {} }) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    vi.spyOn(TestBed.inject(Router), 'navigate').mockImplementation((_commands, extras) => {
      navigations.push(extras?.queryParams ?? {});
      return Promise.resolve(true);
    });
    fixture = TestBed.createComponent(JobsPage);
    for (const [name, value] of Object.entries(options.params ?? {})) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
  }

  afterEach(() => {
    http.verify();
    vi.unstubAllGlobals();
  });

  const el = () => fixture.nativeElement as HTMLElement;
  const text = () => el().textContent?.replace(/\s+/g, ' ') ?? '';
  const loader = () => TestbedHarnessEnvironment.documentRootLoader(fixture);
  const listRequest = () => http.expectOne((r) => r.url === '/api/jobs');
  async function answer(request: TestRequest, jobs: Job[], nextCursor: string | null = null): Promise<void> {
    request.flush({ jobs, next_cursor: nextCursor });
    await fixture.whenStable();
  }

  it('lists the jobs the URL asks for, with thumbnails hidden unless asked for', async () => {
    setUp({ params: { status: 'failed,cancelled', q: 'dusk', from: '2026-03-01', to: '2026-03-02', sort: 'created_at' } });
    const request = listRequest();
    const params = request.request.params;
    expect(params.get('status')).toBe('failed,cancelled');
    expect(params.get('type')).toBe('analyze,comprehensive_analyze,generate_image,batch');
    expect(params.get('q')).toBe('dusk');
    expect(params.get('created_after')).toBe(new Date(2026, 2, 1).toISOString());
    expect(params.get('created_before')).toBe(new Date(2026, 2, 3).toISOString());
    expect(params.get('sort')).toBe('created_at');
    await answer(request, [makeJob({ status: 'failed', title: 'Hair color analysis', metadata: { file_name: 'dusk.png' } })]);
    expect(text()).toContain('dusk.png');
    expect(el().querySelectorAll('[data-testid="job-row"]').length).toBe(1);
  });

  it('says "No jobs yet" and points to Analyzers when there are none, and "No jobs match" only when filtered', async () => {
    setUp();
    await answer(listRequest(), []);
    expect(text()).toContain('No jobs yet.');
    expect(el().querySelector('a[href="/analyzers"]')).not.toBeNull();
    expect(text()).not.toContain('No jobs match');

    fixture.componentRef.setInput('status', 'cancelled');
    fixture.detectChanges();
    await answer(listRequest(), []);
    expect(text()).toContain('No jobs match these filters.');
    await (await loader().getHarness(MatButtonHarness.with({ text: 'Clear filters' }))).click();
    expect(navigations.at(-1)).toEqual({ status: null, type: null, q: null, from: null, to: null });
  });

  it('reads the list again by itself once the stream is back after the server was gone', async () => {
    setUp();
    const stream = TestBed.inject(JobsStream);
    stream.connect();
    FakeEventSource.instances[0].open();
    FakeEventSource.instances[0].interrupt();
    listRequest().error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    await fixture.whenStable();
    expect(text()).toContain('Cannot reach the Atelier server');
    expect(text()).toContain('reloads by itself');

    // The stream reconnects after its backoff (under a second for a first failure).
    await vi.waitFor(() => expect(FakeEventSource.instances.length).toBe(2), { timeout: 2500 });
    FakeEventSource.instances[1].open();
    await answer(await vi.waitFor(() => listRequest()), [makeJob({ title: 'Back again' })]);
    expect(text()).not.toContain('Cannot reach');
    expect(text()).toContain('Back again');
    stream.disconnect();
  });

  it('retries every matching job, not only this page, and reports the answer inline', async () => {
    setUp({ params: { status: 'failed' } });
    const jobs = Array.from({ length: 3 }, () => makeJob({ status: 'failed' }));
    await answer(listRequest(), jobs, 'next-page');

    await (await loader().getHarness(MatCheckboxHarness.with({ selector: 'th mat-checkbox' }))).check();
    expect(text()).toContain('All 3 jobs on this page are selected; more jobs match.');
    await (await loader().getHarness(MatButtonHarness.with({ text: 'Select all matching jobs' }))).click();
    await (await loader().getHarness(MatButtonHarness.with({ text: 'Retry all matching' }))).click();
    await (await loader().getHarness(MatButtonHarness.with({ selector: 'atl-confirm-dialog .danger' }))).click();

    const bulk = await vi.waitFor(() => http.expectOne('/api/jobs/bulk'));
    expect(bulk.request.body).toEqual({ action: 'retry', filter: { status: ['failed'], type: ['analyze', 'comprehensive_analyze', 'generate_image', 'batch'] } });
    bulk.flush({ matched: 40, changed: 40, skipped: 0 }, { status: 202, statusText: 'Accepted' });
    await answer(await vi.waitFor(() => listRequest()), []);
    expect(el().querySelector('[data-testid="bulk-result"]')?.textContent).toContain('Retry: 40 jobs matched · 40 queued again');
  });

  it('acts on the selected rows by their ids, only those the action applies to', async () => {
    setUp();
    const [failed, running] = [makeJob({ status: 'failed', title: 'A failed one' }), makeJob({ status: 'running', title: 'A running one' })];
    await answer(listRequest(), [failed, running]);
    for (const row of await loader().getAllHarnesses(MatCheckboxHarness.with({ selector: 'td mat-checkbox' }))) await row.check();
    await (await loader().getHarness(MatButtonHarness.with({ text: /^Retry \(1\)/ }))).click();
    const bulk = http.expectOne('/api/jobs/bulk');
    expect(bulk.request.body).toEqual({ action: 'retry', job_ids: [failed.job_id] });
    bulk.flush({ matched: 1, changed: 1, skipped: 0 }, { status: 202, statusText: 'Accepted' });
    await answer(await vi.waitFor(() => listRequest()), [failed, running]);
    expect(el().querySelector('[data-testid="bulk-result"]')?.textContent).toContain('1 job matched · 1 queued again');
  });

  it('shows cards instead of the table on a phone, each linking to the job page', async () => {
    setUp({ phone: true });
    const job = makeJob({ title: 'On a phone' });
    await answer(listRequest(), [job]);
    expect(el().querySelector('table')).toBeNull();
    const card = el().querySelector<HTMLElement>('atl-job-cards li[data-testid="job-row"]');
    expect(card?.querySelector('a')?.getAttribute('href')).toBe(`/jobs/${job.job_id}`);
  });
});
