import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Job } from '@atelier/contracts';
import { makeJob } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import { TaskCard } from './task-card.component';

const NOW = Date.parse('2025-01-01T12:01:00.000Z');

describe('TaskCard', () => {
  let fixture: ComponentFixture<TaskCard>;

  function render(job: Job, extra: { expanded?: boolean; children?: Job[]; now?: number } = {}): HTMLElement {
    fixture.componentRef.setInput('job', job);
    fixture.componentRef.setInput('now', extra.now ?? NOW);
    fixture.componentRef.setInput('expanded', extra.expanded ?? false);
    fixture.componentRef.setInput('children', extra.children ?? []);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (el: HTMLElement, testId: string) => el.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();
  const buttons = (el: HTMLElement) => [...el.querySelectorAll('button')].map((b) => b.textContent?.trim()).filter(Boolean);

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideConsoleIcons()] });
    fixture = TestBed.createComponent(TaskCard);
  });

  it('shows a running job with a spinner, shimmer, step and ticking elapsed time, and offers Cancel', () => {
    const job = makeJob({
      status: 'running',
      progress: 0.5,
      current_step: 2,
      total_steps: 4,
      step_label: 'Calling the vision model',
      started_at: '2025-01-01T12:00:50.000Z',
    });
    let el = render(job);
    expect(el.querySelector('mat-spinner')).not.toBeNull();
    expect(el.querySelector('.progress.shimmer')).not.toBeNull();
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
    expect(el.querySelector('mat-spinner')).toBeNull();
    expect(el.querySelector('.progress.shimmer')).toBeNull();
    expect(text(el, 'task-status')).toBe('Completed');
    expect(text(el, 'task-elapsed')).toBe('7s');
    expect(buttons(el)).toEqual(['Dismiss']);
  });

  it('offers Retry and Dismiss for a failed job and shows the full error in its details', () => {
    const job = makeJob({
      status: 'failed',
      error: { message: 'The vision model answered 502 after 3 attempts', code: 'UPSTREAM', retryable: true },
      finished_at: '2025-01-01T12:00:30.000Z',
    });
    const el = render(job, { expanded: true });
    expect(text(el, 'task-status')).toBe('Failed');
    expect(buttons(el)).toEqual(expect.arrayContaining(['Retry', 'Dismiss']));
    expect(buttons(el)).not.toContain('Cancel');
    expect(text(el, 'task-error')).toBe('The vision model answered 502 after 3 attempts');
  });

  it('says a queued job is waiting and lets it be cancelled', () => {
    const el = render(makeJob({ status: 'queued' }));
    expect(text(el, 'task-step')).toBe('· Waiting in queue');
    expect(buttons(el)).toEqual(['Cancel']);
  });

  it('lists the children of a parent with their own status, and links created presets', () => {
    const parent = makeJob({ type: 'comprehensive_analyze', status: 'running', title: 'Comprehensive analysis (1/2)' });
    const done = makeJob({ parent_id: parent.job_id, status: 'completed', progress: 1, title: 'Hair color analysis' });
    const running = makeJob({ parent_id: parent.job_id, status: 'running', progress: 0.4, title: 'Makeup analysis' });
    const el = render({ ...parent, result: { preset_ids: ['p1'] } } as Job, { expanded: true, children: [done, running] });
    const rows = [...el.querySelectorAll('[data-testid="task-child"]')];
    expect(rows.map((r) => r.getAttribute('data-status'))).toEqual(['completed', 'running']);
    expect(rows[1].textContent).toContain('Running · 40%');
    expect(el.querySelector('[data-testid="task-preset-link"]')?.getAttribute('href')).toBe('/presets/p1');
  });

  it('emits the action of the button pressed', () => {
    const job = makeJob({ status: 'running' });
    const cancelled: Job[] = [];
    fixture.componentInstance.cancel.subscribe((j) => cancelled.push(j));
    const el = render(job);
    el.querySelector<HTMLButtonElement>('button[aria-label^="Cancel"]')!.click();
    expect(cancelled).toEqual([job]);
  });
});
