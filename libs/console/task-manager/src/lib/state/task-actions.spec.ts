import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { makeJob } from '@atelier/console/data-access/testing';
import { connectFakeStream } from '../../testing/fake-stream';
import { TaskActions } from './task-actions';

describe('TaskActions on a batch', () => {
  let actions: TaskActions;
  let http: HttpTestingController;

  beforeEach(() => {
    vi.useFakeTimers();
    connectFakeStream().open();
    actions = TestBed.inject(TaskActions);
    http = TestBed.inject(HttpTestingController);
    TestBed.tick();
  });

  afterEach(() => {
    http.verify();
    TestBed.inject(MatSnackBar).dismiss();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** The request goes once the click's frame is painted. */
  const afterPaint = () => vi.advanceTimersByTimeAsync(50);

  it('retries the failed jobs of a running batch with one bulk request over its failed children, busy until answered', async () => {
    const batch = makeJob({ type: 'batch', status: 'running', title: 'Batch (7/10)' });
    actions.retryFailed(batch);
    expect(actions.busy().has(batch.job_id)).toBe(true);
    await afterPaint();
    const bulk = http.expectOne('/api/jobs/bulk');
    expect(bulk.request.body).toEqual({ action: 'retry', filter: { parent_id: batch.job_id, status: ['failed'] } });
    bulk.flush({ matched: 3, changed: 3, skipped: 0 }, { status: 202, statusText: 'Accepted' });
    expect(actions.busy().has(batch.job_id)).toBe(false);
  });
});
