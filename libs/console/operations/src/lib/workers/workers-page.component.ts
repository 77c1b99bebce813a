import { BreakpointObserver } from '@angular/cdk/layout';
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { interval, map, merge, of, switchMap, type Observable } from 'rxjs';
import type { WorkerInfo } from '@atelier/contracts';
import { OperationsApi } from '@atelier/console/data-access';
import { Clock, formatDuration } from '@atelier/console/ui';
import { jobTypeLabel } from '../shared/job-type-labels';
import { formatAgo } from '../shared/relative-time';
import { ServerRead, jobChanges } from '../shared/server-read';

/** How often the list is read while the page is open: workers heartbeat every few seconds. */
export const WORKERS_REFRESH_MS = 5000;
/** The least time between two reads caused by job events (a job started or ended somewhere). */
export const WORKERS_EVENT_GAP_MS = 2000;

/**
 * Workers: every live process that runs jobs, with what it runs now (each job links to its page),
 * when it started and when it was last seen. Relative times tick with the clock; the list is read
 * again every few seconds (heartbeats have no stream events) and when jobs start or end.
 */
@Component({
  selector: 'atl-workers-page',
  imports: [MatButtonModule, MatProgressBarModule, NgTemplateOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './workers-page.component.html',
  styleUrls: ['../shared/operations-page.scss', './workers-page.component.scss'],
})
export class WorkersPage {
  private readonly api = inject(OperationsApi);
  protected readonly clock = inject(Clock);
  protected readonly compact = toSignal(inject(BreakpointObserver).observe('(max-width: 600px)').pipe(map((s) => s.matches)), { initialValue: false });

  protected readonly workers = signal<readonly WorkerInfo[] | null>(null);
  private readonly read = new ServerRead();
  protected readonly loading = this.read.loading;
  protected readonly loadError = this.read.error;
  protected readonly summary = computed(() => {
    const workers = this.workers() ?? [];
    const running = workers.reduce((n, w) => n + w.running, 0);
    const slots = workers.reduce((n, w) => n + w.concurrency, 0);
    const one = workers.length === 1;
    return `${one ? '1 process' : `${workers.length} processes`}, running ${running} of the ${slots} jobs ${one ? 'it' : 'they'} can run at once.`;
  });

  protected readonly formatAgo = formatAgo;
  protected readonly jobTypeLabel = jobTypeLabel;

  constructor() {
    merge(of(undefined), interval(WORKERS_REFRESH_MS), jobChanges(WORKERS_EVENT_GAP_MS))
      .pipe(
        switchMap(() => this.load()),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  /** How long a job has run, ticking. */
  protected runningFor(startedAt: string | null, now: number): string {
    return startedAt ? formatDuration(now - Date.parse(startedAt)) : 'starting';
  }

  protected retry(): void {
    this.load().subscribe();
  }

  private load(): Observable<unknown> {
    return this.read.run(this.api.workers(), ({ workers }) => this.workers.set([...workers].sort((a, b) => a.host.localeCompare(b.host) || a.pid - b.pid)));
  }
}
