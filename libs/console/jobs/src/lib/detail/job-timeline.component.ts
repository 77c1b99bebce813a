import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { JobTimelineEntry } from '@atelier/contracts';
import { describeEntry, formatAttemptDuration, type AttemptOutcome, type JobAttempt } from '../state/job-timeline';

const OUTCOME_LABELS: Readonly<Record<AttemptOutcome, string>> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  retrying: 'Failed, retried',
  interrupted: 'Interrupted',
  cancelled: 'Cancelled',
};

/** A job's attempts (worker, duration, error) and its whole durable timeline. Presentational. */
@Component({
  selector: 'atl-job-timeline',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './job-timeline.component.html',
  styleUrl: './job-timeline.component.scss',
})
export class JobTimeline {
  readonly attempts = input.required<readonly JobAttempt[]>();
  /** Null while it loads. */
  readonly entries = input.required<readonly JobTimelineEntry[] | null>();
  readonly error = input<string | null>(null);
  /** The signed-in user's id, to say "by you". */
  readonly me = input<string | null>(null);
  readonly now = input.required<number>();

  protected readonly outcomeLabels = OUTCOME_LABELS;
  protected readonly describe = describeEntry;

  protected duration(attempt: JobAttempt): string {
    return formatAttemptDuration(attempt.durationMs ?? Math.max(0, this.now() - Date.parse(attempt.startedAt)));
  }
}
