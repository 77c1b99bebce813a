import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DestroyRef, Injectable, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { filter } from 'rxjs';
import type { Job, JobEvent } from '@atelier/contracts';
import { JobsStream } from '@atelier/console/data-access';
import { TASK_MANAGER_CONFIG } from './task-manager.config';
import { isBackgroundJob } from './task-rows';

const ANNOUNCED: Partial<Record<JobEvent['event'], string>> = {
  'job.created': 'queued',
  'job.completed': 'completed',
  'job.failed': 'failed',
  'job.cancelled': 'cancelled',
};

/**
 * Tells people about status changes: every change through the ARIA live region, and a
 * snackbar (with an action to open the job or its preset) when a top-level job completes or fails.
 */
@Injectable({ providedIn: 'root' })
export class TaskNotifications {
  private readonly stream = inject(JobsStream);
  private readonly snackBar = inject(MatSnackBar);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly router = inject(Router);
  private readonly config = inject(TASK_MANAGER_CONFIG);
  private readonly destroyRef = inject(DestroyRef);
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stream.events$
      .pipe(
        filter((e): e is Extract<JobEvent, { data: Job }> => e.event !== 'job.deleted' && ANNOUNCED[e.event] !== undefined),
        filter((e) => e.data.parent_id === null && !isBackgroundJob(e.data)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((e) => this.notify(e.event, e.data));
  }

  private notify(event: JobEvent['event'], job: Job): void {
    const verb = ANNOUNCED[event];
    const error = event === 'job.failed' && job.error ? `: ${job.error.message}` : '';
    void this.announcer.announce(`${job.title} ${verb}${error}`, event === 'job.failed' ? 'assertive' : 'polite');
    if (event !== 'job.completed' && event !== 'job.failed') return;
    const presetId = job.type === 'analyze' && job.result && 'preset_id' in job.result ? job.result.preset_id : null;
    const ref = this.snackBar.open(`${job.title} ${verb}`, presetId ? 'Open preset' : 'Open', {
      duration: this.config.snackbarMs,
      panelClass: ['atl-snackbar', event === 'job.failed' ? 'atl-snackbar-error' : 'atl-snackbar-success'],
      politeness: 'off', // already announced above
    });
    ref.onAction().subscribe(() => {
      void (presetId ? this.router.navigate(['/presets', presetId]) : this.router.navigate(['/jobs'], { queryParams: { job: job.job_id } }));
    });
  }
}
