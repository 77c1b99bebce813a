import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DestroyRef, Injectable, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { filter } from 'rxjs';
import { isJobDataEvent, type Job, type JobDataEvent } from '@atelier/contracts';
import { JobsStream } from '@atelier/console/data-access';
import { describeFailure } from './failure-text';
import { NoticeQueue, type Notice } from './notice-queue';
import { isPanelCandidate } from './panel-rule';
import { PanelVisibility } from './panel-visibility';
import { nameOf } from './task-subject';

const VERBS: Partial<Record<JobDataEvent['event'], string>> = {
  'job.created': 'queued',
  'job.completed': 'completed',
  'job.failed': 'failed',
  'job.cancelled': 'cancelled',
};

/**
 * Tells people about status changes: every change through the ARIA live region, and a queued
 * snackbar when a top-level job completes or fails (several that wait become one summary).
 */
@Injectable({ providedIn: 'root' })
export class TaskNotifications {
  private readonly stream = inject(JobsStream);
  private readonly notices = inject(NoticeQueue);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly router = inject(Router);
  private readonly visibility = inject(PanelVisibility);
  private readonly destroyRef = inject(DestroyRef);
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stream.events$
      .pipe(
        filter(isJobDataEvent),
        filter((e) => VERBS[e.event] !== undefined && isPanelCandidate(e.data)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((e) => this.notify(e.event, e.data));
  }

  private notify(event: JobDataEvent['event'], job: Job): void {
    const failure = event === 'job.failed' && job.error ? describeFailure(job.error).summary : null;
    const name = nameOf(job);
    void this.announcer.announce(`${name} ${VERBS[event]}${failure ? `: ${failure}` : ''}`, failure ? 'assertive' : 'polite');
    if (event !== 'job.completed' && event !== 'job.failed') return;
    this.notices.show(this.outcomeNotice(job, name, failure));
  }

  private outcomeNotice(job: Job, name: string, failure: string | null): Notice {
    const presetId = job.type === 'analyze' && job.result && 'preset_id' in job.result ? job.result.preset_id : null;
    return {
      message: failure ? `${name} failed: ${failure}` : `${name} completed`,
      kind: failure ? 'error' : 'success',
      action: presetId ? 'Open preset' : 'Open',
      onAction: () =>
        void (presetId ? this.router.navigate(['/presets', presetId]) : this.router.navigate(['/jobs'], { queryParams: { job: job.job_id } })),
      announced: true,
      group: 'outcomes',
      tally: failure ? { failed: 1 } : { completed: 1 },
      summarize: (tally) => this.summary(tally),
    };
  }

  /** The notice for several outcomes that waited together: "3 tasks completed, 1 failed". */
  private summary(tally: Readonly<Record<string, number>>): Notice {
    const completed = tally['completed'] ?? 0;
    const failed = tally['failed'] ?? 0;
    const parts = [completed ? `${completed} ${completed === 1 ? 'task' : 'tasks'} completed` : '', failed ? `${failed} failed` : ''];
    return {
      message: parts.filter(Boolean).join(', '),
      kind: failed ? 'error' : 'success',
      action: 'Show tasks',
      onAction: () => this.visibility.open.set(true),
      announced: true,
      group: 'outcomes',
      tally,
      summarize: (next) => this.summary(next),
    };
  }
}
