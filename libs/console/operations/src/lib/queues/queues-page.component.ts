import { BreakpointObserver } from '@angular/cdk/layout';
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { filter, finalize, map, merge, of, switchMap, type Observable } from 'rxjs';
import type { JobType, QueueInfo } from '@atelier/contracts';
import { AuthState, OperationsApi, QueueEvents, problemMessage } from '@atelier/console/data-access';
import { Clock, confirmAction } from '@atelier/console/ui';
import { jobTypeLabel } from '../shared/job-type-labels';
import { formatAgo } from '../shared/relative-time';
import { ServerRead, jobChanges } from '../shared/server-read';
import { applyQueueEvent, mergeQueues, replaceQueue } from './queue-rows';

/** The least time between two reads of the counts while jobs change. */
export const QUEUE_REFRESH_GAP_MS = 2000;

/**
 * Queues: per job type, what waits and runs, the concurrency, and whether it is paused; pause and
 * resume after a confirmation. A pause by anyone, on any node, shows at once (stream events);
 * the counts are read again as jobs change.
 */
@Component({
  selector: 'atl-queues-page',
  imports: [MatButtonModule, MatProgressBarModule, NgTemplateOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './queues-page.component.html',
  styleUrls: ['../shared/operations-page.scss', './queues-page.component.scss'],
})
export class QueuesPage {
  private readonly api = inject(OperationsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly me = inject(AuthState).user;
  protected readonly clock = inject(Clock);
  protected readonly compact = toSignal(inject(BreakpointObserver).observe('(max-width: 600px)').pipe(map((s) => s.matches)), { initialValue: false });

  protected readonly queues = signal<readonly QueueInfo[] | null>(null);
  private readonly read = new ServerRead();
  protected readonly loading = this.read.loading;
  protected readonly loadError = this.read.error;
  /** Types whose pause or resume is on its way. */
  protected readonly busy = signal<ReadonlySet<JobType>>(new Set());
  protected readonly pausedCount = computed(() => this.queues()?.filter((q) => q.paused).length ?? 0);

  protected readonly jobTypeLabel = jobTypeLabel;

  constructor() {
    merge(of(undefined), jobChanges(QUEUE_REFRESH_GAP_MS))
      .pipe(
        switchMap(() => this.load()),
        takeUntilDestroyed(),
      )
      .subscribe();
    inject(QueueEvents)
      .events$.pipe(takeUntilDestroyed())
      .subscribe((event) => this.queues.update((queues) => applyQueueEvent(queues, event.data)));
  }

  /** "Paused 2m 05s ago by you". */
  protected changeText(queue: QueueInfo, now: number): string {
    if (!queue.changed_at) return '';
    const who = queue.changed_by === null ? '' : queue.changed_by === this.me()?.user_id ? ' by you' : ' by another user';
    return `${queue.paused ? 'Paused' : 'Resumed'} ${formatAgo(queue.changed_at, now)}${who}`;
  }

  protected toggle(queue: QueueInfo): void {
    const pausing = !queue.paused;
    const label = jobTypeLabel(queue.type);
    const question = pausing
      ? {
          title: `Pause ${label}?`,
          message: `Its jobs stay queued on every node until you resume it${queue.running ? `; the ${jobs(queue.running)} running now finish first` : ''}.`,
          confirmLabel: 'Pause',
        }
      : {
          title: `Resume ${label}?`,
          message: queue.queued ? `Its ${jobs(queue.queued)} queued go to the workers again, on every node.` : 'Its jobs go to the workers again, on every node.',
          confirmLabel: 'Resume',
        };
    confirmAction(this.dialog, question)
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.update((b) => new Set([...b, queue.type]));
          const request = pausing ? this.api.pauseQueue(queue.type) : this.api.resumeQueue(queue.type);
          return request.pipe(finalize(() => this.busy.update((b) => new Set([...b].filter((t) => t !== queue.type)))));
        }),
      )
      .subscribe({
        next: (answer) => {
          this.queues.update((queues) => replaceQueue(queues, answer));
          this.snackBar.open(`${label} ${answer.paused ? 'paused' : 'resumed'}`, undefined, { panelClass: ['atl-snackbar'] });
        },
        error: (err: unknown) =>
          this.snackBar.open(`Could not ${pausing ? 'pause' : 'resume'} ${label}: ${problemMessage(err)}`, 'Close', {
            duration: 8000,
            panelClass: ['atl-snackbar', 'atl-snackbar-error'],
          }),
      });
  }

  protected retry(): void {
    this.load().subscribe();
  }

  private load(): Observable<unknown> {
    return this.read.run(this.api.queues(), ({ queues }) => this.queues.update((shown) => mergeQueues(shown, queues)));
  }
}

function jobs(n: number): string {
  return n === 1 ? '1 job' : `${n} jobs`;
}
