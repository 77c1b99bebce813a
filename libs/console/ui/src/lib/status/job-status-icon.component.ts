import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { JobStatus } from '@atelier/contracts';
import { JOB_STATUS_META } from './job-status-meta';

/** A job's status as an icon (a spinner while it runs). Decorative: callers always show the status in words. */
@Component({
  selector: 'atl-job-status-icon',
  imports: [MatIconModule, MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"status-" + status()', 'aria-hidden': 'true' },
  template: `
    @if (status() === 'running') {
      <mat-spinner [diameter]="size()" [strokeWidth]="size() < 20 ? 2 : 3" />
    } @else {
      <mat-icon [svgIcon]="meta().icon" [style.width.px]="size()" [style.height.px]="size()" />
    }
  `,
  styles: `
    :host { display: inline-flex; align-items: center; justify-content: center; flex: none; }
    :host(.status-completed) { color: var(--atl-success, #1b873f); }
    :host(.status-failed) { color: var(--mat-sys-error); }
    :host(.status-cancelled), :host(.status-queued) { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class JobStatusIcon {
  readonly status = input.required<JobStatus>();
  readonly size = input(24);
  protected readonly meta = computed(() => JOB_STATUS_META[this.status()]);
}
