import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { BulkResult } from '@atelier/contracts';
import { JobsStream } from '@atelier/console/data-access';
import { makeJob } from '@atelier/console/data-access/testing';
import { JobActions, describeBulkResult } from './job-actions';

describe('JobActions', () => {
  let actions: JobActions;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    actions = TestBed.inject(JobActions);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('sends one bulk request for every job a filter matches', () => {
    let answer: BulkResult | undefined;
    actions.bulk('retry', { filter: { status: ['failed'], q: 'dusk' } }).subscribe((r) => (answer = r));
    const request = http.expectOne('/api/jobs/bulk');
    expect(request.request.body).toEqual({ action: 'retry', filter: { status: ['failed'], q: 'dusk' } });
    request.flush({ matched: 3, changed: 3, skipped: 0 }, { status: 202, statusText: 'Accepted' });
    expect(answer).toEqual({ matched: 3, changed: 3, skipped: 0 });
  });

  it('asks nothing for an empty selection', () => {
    let answer: BulkResult | undefined;
    actions.bulk('cancel', { jobIds: [] }).subscribe((r) => (answer = r));
    http.expectNone('/api/jobs/bulk');
    expect(answer).toEqual({ matched: 0, changed: 0, skipped: 0 });
  });

  it('acts on one job by its own route and puts the answer in the live store', () => {
    const job = makeJob({ status: 'failed' });
    actions.one('retry', job).subscribe();
    const queued = { ...job, status: 'queued' as const, updated_at: '2026-03-01T00:00:00.000Z' };
    http.expectOne(`/api/jobs/${job.job_id}/retry`).flush(queued, { status: 202, statusText: 'Accepted' });
    expect(TestBed.inject(JobsStream).jobsById()[job.job_id]).toEqual(queued);
  });
});

describe('describeBulkResult', () => {
  it('says what matched, what changed and why the rest was skipped', () => {
    expect(describeBulkResult('retry', { matched: 12, changed: 10, skipped: 2 })).toBe('12 jobs matched · 10 queued again · 2 skipped (not failed or cancelled)');
    expect(describeBulkResult('delete', { matched: 1, changed: 1, skipped: 0 })).toBe('1 job matched · 1 deleted');
    expect(describeBulkResult('cancel', { matched: 0, changed: 0, skipped: 0 })).toBe('No job matched.');
  });
});
