import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Job } from '@atelier/contracts';
import { makeJob } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import type { BatchTally } from '../state/batch-tally';
import { TaskCard } from './task-card.component';

const NOW = Date.parse('2025-01-01T12:01:00.000Z');

describe('TaskCard', () => {
  let fixture: ComponentFixture<TaskCard>;

  function render(job: Job, extra: { expanded?: boolean; children?: Job[]; now?: number; stale?: boolean; requeued?: boolean; tally?: BatchTally | null } = {}): HTMLElement {
    fixture.componentRef.setInput('job', job);
    fixture.componentRef.setInput('now', extra.now ?? NOW);
    fixture.componentRef.setInput('expanded', extra.expanded ?? false);
    fixture.componentRef.setInput('children', extra.children ?? []);
    fixture.componentRef.setInput('stale', extra.stale ?? false);
    fixture.componentRef.setInput('requeued', extra.requeued ?? false);
    fixture.componentRef.setInput('tally', extra.tally ?? null);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (el: HTMLElement, testId: string) => el.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
  const buttons = (el: HTMLElement) => [...el.querySelectorAll('button')].map((b) => b.textContent?.trim()).filter(Boolean);

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideConsoleIcons(), provideHttpClient(), provideHttpClientTesting()] });
    fixture = TestBed.createComponent(TaskCard);
  });

  it('shows a running job with its image, file name, step and ticking elapsed time, and offers Cancel', () => {
    const job = makeJob({
      status: 'running',
      progress: 0.5,
      current_step: 2,
      total_steps: 4,
      step_label: 'Calling the vision model',
      started_at: '2025-01-01T12:00:50.000Z',
      input: { analyzer: 'hair-color', image_id: 'abc', preset_name: 'Evening look' },
      metadata: { file_name: 'portrait.jpg' },
    });
    let el = render(job);
    expect(el.querySelector('.status-dot .running')).not.toBeNull();
    expect(el.querySelector('.progress.shimmer')).not.toBeNull();
    expect(el.querySelector('.thumb img')?.getAttribute('src')).toBe('/api/images/abc/thumbnail');
    expect(text(el, 'task-subject')).toBe('“Evening look” · portrait.jpg');
    expect(text(el, 'task-status')).toBe('Running');
    expect(text(el, 'task-step')).toBe('· Step 2/4 · Calling the vision model');
    expect(text(el, 'task-percent')).toBe('50%');
    expect(text(el, 'task-elapsed')).toBe('10s');
    expect(buttons(el)).toEqual(['Cancel']);
    el = render(job, { now: NOW + 1000 });
    expect(text(el, 'task-elapsed')).toBe('11s');
  });

  it('shows a completed job with its final duration and offers Dismiss', () => {
    const job = makeJob({
      status: 'completed',
      progress: 1,
      current_step: 4,
      started_at: '2025-01-01T12:00:00.000Z',
      finished_at: '2025-01-01T12:00:07.000Z',
    });
    const el = render(job, { now: NOW + 60_000 });
    expect(el.querySelector('.status-dot .running')).toBeNull();
    expect(el.querySelector('.progress.shimmer')).toBeNull();
    expect(text(el, 'task-status')).toBe('Completed');
    expect(text(el, 'task-elapsed')).toBe('7s');
    expect(buttons(el)).toEqual(['Dismiss']);
  });

  it('explains a failure in plain words once, with the attempts and whether a retry helps', () => {
    const raw = 'Input buffer has corrupt header: VipsJpeg: Premature end of input file\nVipsJpeg: Premature end of input file\nVipsJpeg: Premature end of input file';
    const job = makeJob({
      status: 'failed',
      attempts: 4,
      max_attempts: 3,
      error: { message: raw, code: 'handler_error', retryable: true },
      started_at: null,
      finished_at: '2025-01-01T12:00:30.000Z',
    });
    const el = render(job, { expanded: true });
    expect(text(el, 'task-status')).toBe('Failed');
    expect(buttons(el)).toEqual(expect.arrayContaining(['Retry', 'Dismiss']));
    expect(buttons(el)).not.toContain('Cancel');
    const summary = 'The image could not be read: the file is damaged or is not a JPEG, PNG, WebP or GIF image.';
    expect(text(el, 'task-error')).toBe(summary);
    expect(text(el, 'task-attempts')).toBe('Attempt 3 of 3 (4 runs in all, counting retries by hand)');
    expect(text(el, 'task-retry-advice')).toBe('A retry would fail the same way with the same input.');
    expect(el.textContent).not.toContain('can be retried');
    expect(el.textContent?.match(/Premature end/g)).toHaveLength(1);
    // Never "0s" for a job that failed before it ran: the time it failed instead.
    expect(text(el, 'task-elapsed')).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(el.querySelector('[data-testid="task-elapsed"]')?.getAttribute('aria-label')).toMatch(/^Failed at /);
    expect((el as HTMLElement).classList).toContain('status-failed');
  });

  it('says a job waiting for its retry is retrying, when, and which attempt', () => {
    const runAt = new Date(NOW + 30_000);
    const job = makeJob({
      status: 'queued',
      attempts: 1,
      max_attempts: 3,
      run_at: runAt.toISOString(),
      metadata: { last_error: { message: 'The model endpoint failed (503).', code: 'upstream_unavailable', retryable: true } },
    });
    const el = render(job, { expanded: true });
    expect(text(el, 'task-status')).toBe('Retrying');
    expect(text(el, 'task-step')).toMatch(/^· Retrying at \d\d:\d\d:\d\d \(attempt 2 of 3\)$/);
    expect(text(el, 'task-retry-wait')).toContain('Attempt 1 failed: The vision model’s service failed for a moment.');
  });

  it('says a queued job is waiting and lets it be cancelled', () => {
    const el = render(makeJob({ status: 'queued' }));
    expect(text(el, 'task-step')).toBe('· Waiting in queue');
    expect(buttons(el)).toEqual(['Cancel']);
  });

  it('while the stream is down: marks the card stale, stops the spinner and the timer, and disables actions with a reason', () => {
    const job = makeJob({ status: 'running', started_at: '2025-01-01T12:00:50.000Z' });
    const cancelled: Job[] = [];
    fixture.componentInstance.cancel.subscribe((j) => cancelled.push(j));
    const el = render(job, { stale: true });
    expect(el.getAttribute('data-stale')).toBe('true');
    expect(el.querySelector('.status-dot .running')).toBeNull();
    expect(el.querySelector('.status-dot .frozen')).not.toBeNull();
    expect(el.querySelector('.progress.shimmer')).toBeNull();
    const cancel = el.querySelector<HTMLButtonElement>('button[aria-label^="Cancel"]')!;
    expect(cancel.getAttribute('aria-disabled')).toBe('true');
    cancel.click();
    expect(cancelled).toEqual([]);
    expect(el.querySelector('[data-testid="task-elapsed"]')?.getAttribute('aria-label')).toBe('Elapsed when last seen 10s');
  });

  it('marks a job that recovery re-queued', () => {
    const el = render(makeJob({ status: 'queued' }), { requeued: true });
    expect(text(el, 'task-requeued')).toBe('Re-queued by recovery');
  });

  it('shows a comprehensive parent as analyses done and names its presets', () => {
    const parent = makeJob({ type: 'comprehensive_analyze', status: 'running', title: 'Comprehensive analysis (1/2)', child_ids: ['c1', 'c2'], total_steps: 2 });
    const done = makeJob({ job_id: 'c1', parent_id: parent.job_id, status: 'completed', progress: 1, title: 'Hair color analysis', result: { preset_id: 'p1', analyzer: 'hair-color', data: {} } });
    const running = makeJob({ job_id: 'c2', parent_id: parent.job_id, status: 'running', progress: 0.4, title: 'Makeup analysis' });
    const el = render({ ...parent, result: { preset_ids: ['p1'] } } as Job, { expanded: true, children: [done, running] });
    expect(text(el, 'task-step')).toBe('· 1 of 2 analyses done');
    const rows = [...el.querySelectorAll('[data-testid="task-child"]')];
    expect(rows.map((r) => r.getAttribute('data-status'))).toEqual(['completed', 'running']);
    expect(rows[1].textContent).toContain('Running · 40%');
    const link = () => el.querySelector('[data-testid="task-preset-link"]');
    expect(link()?.getAttribute('href')).toBe('/presets/p1');
    expect(link()?.textContent?.trim()).toBe('Hair color');
    TestBed.inject(HttpTestingController).expectOne('/api/presets/p1').flush({ preset_id: 'p1', name: 'Warm auburn waves' });
    fixture.detectChanges();
    expect(link()?.textContent?.trim()).toBe('Warm auburn waves');
  });

  it('emits the action of the button pressed', () => {
    const job = makeJob({ status: 'running' });
    const cancelled: Job[] = [];
    fixture.componentInstance.cancel.subscribe((j) => cancelled.push(j));
    const el = render(job);
    el.querySelector<HTMLButtonElement>('button[aria-label^="Cancel"]')!.click();
    expect(cancelled).toEqual([job]);
  });

  it('shows a batch as one card with its counts, Cancel and Retry of its failed jobs while it runs', () => {
    const batch = makeJob({ type: 'batch', status: 'running', title: 'Batch (17/40)', progress: 0.45, child_ids: Array.from({ length: 40 }, (_, i) => `c${i}`) });
    const el = render(batch, { tally: { total: 40, completed: 17, failed: 3, cancelled: 0, running: 4, queued: 16 } });
    expect(el.querySelector('.title')?.textContent?.trim()).toBe('Batch (17/40)');
    expect(text(el, 'task-subject')).toBe('40 images');
    expect(text(el, 'task-step')).toBe('· 17 of 40 done · 4 running · 3 failed');
    expect(text(el, 'task-percent')).toBe('45%');
    expect(buttons(el)).toEqual(['Cancel', 'Retry 3 failed']);
    const retried: Job[] = [];
    fixture.componentInstance.retryFailed.subscribe((j) => retried.push(j));
    el.querySelector<HTMLButtonElement>('[aria-label="Retry failed Batch (17/40)"]')!.click();
    expect(retried).toEqual([batch]);
  });
});
