import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { isFinished, type Job, type JobType } from '@atelier/contracts';
import { API_BASE_URL } from '@atelier/console/data-access';
import { JOB_STATUS_META, JobStatusIcon, formatDuration, jobElapsedMs } from '@atelier/console/ui';
import type { BatchTally } from '../state/batch-tally';
import { clockTime, retryWait } from '../state/failure-text';
import { progressText } from '../state/progress-text';
import { imageIdOf, subjectOf } from '../state/task-subject';
import { TaskCardDetails } from './task-card-details.component';

interface CardAction {
  /** Also the start of its accessible name: "Cancel Hair color analysis". */
  readonly name: 'Cancel' | 'Retry' | 'Retry failed' | 'Dismiss';
  readonly label: string;
  readonly icon: string;
  readonly disabled: boolean;
  readonly run: () => void;
}

/** Why the buttons of a card are disabled while the stream is down. */
export const STALE_ACTION_HINT = 'Disconnected from the server: actions come back once the connection does.';
/** The element (in the panel) that says it, for the buttons' aria-describedby. */
export const STALE_ACTION_HINT_ID = 'task-stale-hint';

/** One job in the task manager: what it works on, status, progress, time, actions and details. Presentational. */
@Component({
  selector: 'atl-task-card',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, MatTooltipModule, JobStatusIcon, TaskCardDetails],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-card.component.html',
  styleUrl: './task-card.component.scss',
  host: {
    role: 'article',
    tabindex: '-1',
    '[attr.aria-labelledby]': '"task-title-" + job().job_id',
    '[attr.aria-describedby]': '"task-meta-" + job().job_id',
    '[attr.data-status]': 'job().status',
    '[attr.data-job-id]': 'job().job_id',
    '[attr.data-stale]': 'stale() || null',
    '[class]': '"status-" + job().status',
    '[class.stale]': 'stale()',
    '[class.retrying]': '!!waiting()',
  },
})
export class TaskCard {
  private readonly apiBase = inject(API_BASE_URL);

  readonly job = input.required<Job>();
  /** Children of a parent job, from the live store. */
  readonly children = input<readonly Job[]>([]);
  /** Current time in ms; drives the ticking elapsed time (frozen while the stream is down). */
  readonly now = input.required<number>();
  readonly expanded = input(false);
  /** The stream is down: what the card shows is the last known state, and its actions wait. */
  readonly stale = input(false);
  /** A request about this job is under way. */
  readonly busy = input(false);
  /** The server's recovery put this job back in the queue while the stream was down. */
  readonly requeued = input(false);
  /** Job types whose queue is paused. */
  readonly paused = input<readonly JobType[]>([]);
  /** A batch's counts of its children (its card holds no child objects). */
  readonly tally = input<BatchTally | null>(null);

  readonly cancel = output<Job>();
  readonly retry = output<Job>();
  /** A running batch: run its failed children again. */
  readonly retryFailed = output<Job>();
  readonly dismiss = output<Job>();
  readonly toggleDetails = output<Job>();

  protected readonly staleHint = STALE_ACTION_HINT;
  protected readonly staleHintId = STALE_ACTION_HINT_ID;
  protected readonly thumbnailFailed = signal(false);
  protected readonly waiting = computed(() => retryWait(this.job(), this.now()));
  protected readonly statusLabel = computed(() => (this.waiting() ? 'Retrying' : JOB_STATUS_META[this.job().status].label));
  protected readonly ended = computed(() => isFinished(this.job().status));
  /** The buttons the job offers now; all wait while the stream is down, Cancel and Retry while a request is under way. */
  protected readonly actions = computed((): readonly CardAction[] => {
    const job = this.job();
    const stale = this.stale();
    const waiting = stale || this.busy();
    const actions: CardAction[] = [];
    const failedChildren = this.tally()?.failed ?? 0;
    if (!this.ended()) actions.push({ name: 'Cancel', label: this.busy() ? 'Cancelling…' : 'Cancel', icon: 'cancel', disabled: waiting, run: () => this.cancel.emit(job) });
    if (!this.ended() && failedChildren > 0) {
      actions.push({ name: 'Retry failed', label: `Retry ${failedChildren} failed`, icon: 'refresh', disabled: waiting, run: () => this.retryFailed.emit(job) });
    }
    // A parent's retry runs its failed and cancelled children again.
    if (job.status === 'failed' || job.status === 'cancelled') actions.push({ name: 'Retry', label: failedChildren ? 'Retry failed' : 'Retry', icon: 'refresh', disabled: waiting, run: () => this.retry.emit(job) });
    if (this.ended()) actions.push({ name: 'Dismiss', label: 'Dismiss', icon: 'close', disabled: stale, run: () => this.dismiss.emit(job) });
    return actions;
  });
  protected readonly percent = computed(() => Math.round(Math.min(1, Math.max(0, this.job().progress)) * 100));
  protected readonly step = computed(() => progressText(this.job(), { children: this.children(), now: this.now(), paused: this.paused(), tally: this.tally() }));
  protected readonly subject = computed(() => subjectOf(this.job()));
  protected readonly thumbnail = computed(() => {
    const id = imageIdOf(this.job());
    return id ? `${this.apiBase}/images/${encodeURIComponent(id)}/thumbnail` : null;
  });
  /** Elapsed time, or for a job that failed before it ran at all, the time it failed. */
  protected readonly time = computed(() => {
    const job = this.job();
    if (job.status === 'failed' && job.finished_at && (!job.started_at || jobElapsedMs(job, this.now()) < 1000)) {
      const at = clockTime(Date.parse(job.finished_at));
      return { text: at, label: `Failed at ${at}` };
    }
    const text = formatDuration(jobElapsedMs(job, this.now()));
    return { text, label: `${this.ended() ? 'Took' : this.stale() ? 'Elapsed when last seen' : 'Elapsed'} ${text}` };
  });
  protected readonly detailsId = computed(() => `task-details-${this.job().job_id}`);
}
