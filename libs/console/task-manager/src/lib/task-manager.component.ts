import { A11yModule } from '@angular/cdk/a11y';
import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { NavigationStart, Router } from '@angular/router';
import { filter, map } from 'rxjs';
import { isFinished, type Job } from '@atelier/contracts';
import { JobsStream } from '@atelier/console/data-access';
import { Clock } from '@atelier/console/ui';
import { TaskPanel } from './panel/task-panel.component';

import { TaskActions } from './state/task-actions';
import { TaskDismissals } from './state/task-dismissals';
import { TaskNotifications } from './state/task-notifications';
import { buildTaskRows, countByFilter, panelJobs, type TaskFilter } from './state/task-rows';

/** The floating task manager on every page: the button, the panel (a bottom sheet on phones). */
@Component({
  selector: 'atl-task-manager',
  imports: [A11yModule, MatBadgeModule, MatButtonModule, MatIconModule, TaskPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-manager.component.html',
  styleUrl: './task-manager.component.scss',
  host: { '(document:keydown.escape)': 'onEscape()' },
})
export class TaskManager {
  private readonly stream = inject(JobsStream);
  private readonly dismissals = inject(TaskDismissals);
  protected readonly actions = inject(TaskActions);
  protected readonly clock = inject(Clock);
  private readonly fab = viewChild.required<ElementRef<HTMLButtonElement>>('fab');

  protected readonly open = signal(false);
  protected readonly filter = signal<TaskFilter>('all');
  private readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly compact = toSignal(inject(BreakpointObserver).observe('(max-width: 600px)').pipe(map((s) => s.matches)), {
    initialValue: false,
  });

  protected readonly connection = this.stream.connection;
  protected readonly jobsById = this.stream.jobsById;
  protected readonly visible = computed(() => panelJobs(this.stream.jobs(), this.jobsById(), this.dismissals.dismissed()));
  protected readonly counts = computed(() => countByFilter(this.visible()));
  protected readonly rows = computed(() => buildTaskRows(this.visible(), this.filter(), this.expanded(), this.jobsById()));
  protected readonly activeCount = computed(() => this.visible().filter((j) => !isFinished(j.status)).length);
  protected readonly failedCount = computed(() => this.visible().filter((j) => j.status === 'failed').length);
  protected readonly endedCount = computed(() => this.visible().filter((j) => isFinished(j.status)).length);
  protected readonly mood = computed(() => (this.failedCount() > 0 ? 'failed' : this.activeCount() > 0 ? 'running' : 'idle'));
  protected readonly fabLabel = computed(() => {
    const parts = [`${this.activeCount()} running`];
    if (this.failedCount()) parts.push(`${this.failedCount()} failed`);
    return `Tasks: ${parts.join(', ')}`;
  });
  protected readonly offline = computed(() => this.connection() === 'reconnecting');

  constructor() {
    // The stream itself is opened while someone is signed in (provideSignedInJobsStream).
    inject(TaskNotifications).start();
    effect(() => this.dismissals.scheduleCompleted(this.stream.jobs()));
    // On a phone the sheet covers the page: leaving the page closes it.
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationStart && this.compact()),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.open.set(false));
  }

  protected toggle(): void {
    this.open.update((o) => !o);
  }

  protected close(): void {
    this.open.set(false);
    this.fab().nativeElement.focus();
  }

  protected onEscape(): void {
    if (this.open()) this.close();
  }

  protected toggleDetails(job: Job): void {
    const next = new Set(this.expanded());
    if (!next.delete(job.job_id)) next.add(job.job_id);
    this.expanded.set(next);
  }

  protected clearEnded(): void {
    this.dismissals.dismiss(...this.visible().filter((j) => isFinished(j.status)).map((j) => j.job_id));
  }
}
