import { A11yModule } from '@angular/cdk/a11y';
import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationStart, Router } from '@angular/router';
import { filter, map } from 'rxjs';
import { isFinished, type Job } from '@atelier/contracts';
import { JobsStream } from '@atelier/console/data-access';
import { Clock } from '@atelier/console/ui';
import { TaskPanel } from './panel/task-panel.component';
import { PanelContent } from './state/panel-content';
import { PanelVisibility } from './state/panel-visibility';
import { QUEUE_LABELS } from './state/progress-text';
import { StreamRecovery } from './state/stream-recovery';
import { TaskActions } from './state/task-actions';
import { TaskNotifications } from './state/task-notifications';
import { buildTaskRows, countByFilter, type TaskFilter, type TaskRow } from './state/task-rows';

/** The keyboard shortcut that opens and closes the task panel (also in the button's tooltip and aria-keyshortcuts). */
export const TASKS_SHORTCUT = 'Alt+T';

/** The floating task manager on every page: the button, the panel (a bottom sheet on phones). */
@Component({
  selector: 'atl-task-manager',
  imports: [A11yModule, MatBadgeModule, MatButtonModule, MatIconModule, MatTooltipModule, TaskPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-manager.component.html',
  styleUrl: './task-manager.component.scss',
  host: { '(document:keydown.escape)': 'onEscape()', '(document:keydown)': 'onShortcut($event)' },
})
export class TaskManager {
  private readonly stream = inject(JobsStream);
  private readonly content = inject(PanelContent);
  protected readonly recovery = inject(StreamRecovery);
  protected readonly actions = inject(TaskActions);
  private readonly clock = inject(Clock);
  private readonly fab = viewChild.required<ElementRef<HTMLButtonElement>>('fab');

  protected readonly shortcut = TASKS_SHORTCUT;
  protected readonly open = inject(PanelVisibility).open;
  protected readonly filter = signal<TaskFilter>('all');
  private readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly compact = toSignal(inject(BreakpointObserver).observe('(max-width: 600px)').pipe(map((s) => s.matches)), {
    initialValue: false,
  });

  protected readonly visible = this.content.jobs;
  protected readonly paused = this.content.pausedTypes;
  protected readonly counts = computed(() => countByFilter(this.visible()));
  private previousRows: readonly TaskRow[] = [];
  protected readonly rows = computed(() => {
    const rows = buildTaskRows(this.visible(), this.filter(), this.expanded(), this.stream.jobsById(), this.previousRows);
    this.previousRows = rows;
    return rows;
  });
  /** Timers stop at the moment the stream was lost. */
  protected readonly now = computed(() => this.recovery.lostAt() ?? this.clock.now());
  protected readonly connecting = computed(() => this.stream.connection() === 'connecting');
  protected readonly activeCount = computed(() => this.counts().running);
  protected readonly failedCount = computed(() => this.counts().failed);
  protected readonly endedCount = computed(() => this.visible().filter((j) => isFinished(j.status)).length);
  protected readonly mood = computed(() =>
    this.recovery.stale() ? 'offline' : this.failedCount() > 0 ? 'failed' : this.activeCount() > 0 ? 'running' : 'idle',
  );
  protected readonly fabLabel = computed(() => {
    const paused = this.paused().map((t) => `${QUEUE_LABELS[t].toLowerCase()} paused`);
    if (this.recovery.stale()) return ['Tasks: disconnected from the server, showing the last known state', ...paused].join('; ');
    const parts = [`${this.activeCount()} running`];
    if (this.failedCount()) parts.push(`${this.failedCount()} failed`);
    return [`Tasks: ${parts.join(', ')}`, ...paused].join('; ');
  });
  protected readonly fabTooltip = computed(() => `${this.fabLabel()} (${TASKS_SHORTCUT})`);

  constructor() {
    // The stream itself is opened while someone is signed in (provideSignedInJobsStream).
    inject(TaskNotifications).start();
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

  /** Alt+T (by key position, so that it works whatever the layout types there) opens or closes the panel. */
  protected onShortcut(event: KeyboardEvent): void {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.code !== 'KeyT' || event.repeat) return;
    event.preventDefault();
    if (this.open()) this.close();
    else this.open.set(true);
  }

  protected toggleDetails(job: Job): void {
    const next = new Set(this.expanded());
    if (!next.delete(job.job_id)) next.add(job.job_id);
    this.expanded.set(next);
  }

  protected clearEnded(): void {
    this.actions.dismiss(...this.visible().filter((j) => isFinished(j.status)));
  }
}
