import { CdkVirtualScrollViewport, ScrollingModule } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  afterRenderEffect,
  computed,
  inject,
  Injector,
  input,
  output,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule, type MatChipListboxChange } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { Job, JobType } from '@atelier/contracts';
import { STALE_ACTION_HINT, STALE_ACTION_HINT_ID, TaskCard } from '../card/task-card.component';
import { clockTime } from '../state/failure-text';
import { QUEUE_LABELS } from '../state/progress-text';
import { GROUP_LABELS, TASK_FILTERS, cardIndexNear, type TaskFilter, type TaskRow } from '../state/task-rows';
import { RowSizesDirective } from '../virtual-scroll/row-sizes-scroll-strategy';

/** The panel's content: header (connection, paused queues), filter chips and the virtual list of grouped task cards. */
@Component({
  selector: 'atl-task-panel',
  imports: [ScrollingModule, MatButtonModule, MatChipsModule, MatIconModule, MatTooltipModule, RouterLink, TaskCard, RowSizesDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-panel.component.html',
  styleUrl: './task-panel.component.scss',
  host: { '(focusin)': 'onFocusIn($event)', '(focusout)': 'onFocusOut($event)' },
})
export class TaskPanel {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  readonly rows = input.required<readonly TaskRow[]>();
  readonly counts = input.required<Readonly<Record<TaskFilter, number>>>();
  readonly filter = input.required<TaskFilter>();
  /** When the stream was lost (ms), or null while it is live. */
  readonly lostAt = input<number | null>(null);
  /** True until the stream first opens. */
  readonly connecting = input(false);
  readonly now = input.required<number>();
  readonly endedCount = input(0);
  readonly busy = input<ReadonlySet<string>>(new Set());
  readonly requeued = input<ReadonlySet<string>>(new Set());
  readonly paused = input<readonly JobType[]>([]);
  /** What the last reconnect found (re-queued jobs), until dismissed. */
  readonly report = input<string | null>(null);

  readonly filterChange = output<TaskFilter>();
  readonly closePanel = output<void>();
  readonly clearEnded = output<void>();
  readonly dismissReport = output<void>();
  readonly cancel = output<Job>();
  readonly retry = output<Job>();
  readonly retryFailed = output<Job>();
  readonly dismiss = output<Job>();
  readonly toggleDetails = output<Job>();

  protected readonly filters = TASK_FILTERS;
  protected readonly groupLabels = GROUP_LABELS;
  protected readonly staleHint = STALE_ACTION_HINT;
  protected readonly staleHintId = STALE_ACTION_HINT_ID;
  protected readonly sizes = computed(() => this.rows().map((r) => r.size));
  protected readonly stale = computed(() => this.lostAt() !== null);
  protected readonly lostAtText = computed(() => {
    const at = this.lostAt();
    return at === null ? '' : clockTime(at);
  });
  protected readonly pausedLabels = computed(() => this.paused().map((t) => ({ type: t, label: `${QUEUE_LABELS[t]} paused` })));

  /** The card that last held focus, and its row: where focus goes back to when its button disappears. */
  private lastFocus: { jobId: string; index: number } | null = null;

  constructor() {
    // Focus moves into the panel once it is on screen: focusing during the render that shows it forced a layout before its first paint.
    afterNextRender(() => requestAnimationFrame(() => this.heading().nativeElement.focus()));
    afterRenderEffect(() => {
      this.rows();
      untracked(() => this.keepFocus());
    });
  }

  protected onFilter(change: MatChipListboxChange): void {
    this.filterChange.emit((change.value as TaskFilter | undefined) ?? 'all');
  }

  protected trackRow(_index: number, row: TaskRow): string {
    return row.key;
  }

  protected onFocusIn(event: FocusEvent): void {
    const card = (event.target as Element | null)?.closest?.('atl-task-card');
    const jobId = card?.getAttribute('data-job-id');
    if (!jobId) return;
    if (this.lastFocus?.jobId === jobId) return;
    this.lastFocus = { jobId, index: this.rows().findIndex((r) => r.key === jobId) };
  }

  /** Focus that the person moved out of the panel is theirs: only focus lost with its element comes back. */
  protected onFocusOut(event: FocusEvent): void {
    const left = event.target as Node;
    queueMicrotask(() => {
      if (left.isConnected && !this.host.nativeElement.contains(document.activeElement)) this.lastFocus = null;
    });
  }

  /**
   * A card's button that disappears (Cancel once cancelled, a dismissed card) would drop focus to
   * the page. Focus goes to the card now in its place (the next one), else the one before, else
   * the panel's heading.
   */
  private keepFocus(): void {
    const last = this.lastFocus;
    if (!last) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const rows = this.rows();
    const index = cardIndexNear(rows, last.index);
    if (index < 0) {
      this.lastFocus = null;
      this.heading().nativeElement.focus();
      return;
    }
    const target = rows[index];
    this.lastFocus = { jobId: target.key, index };
    const focusCard = () => {
      const card = this.host.nativeElement.querySelector<HTMLElement>(`atl-task-card[data-job-id="${CSS.escape(target.key)}"]`);
      card?.focus();
      return !!card;
    };
    if (focusCard()) return;
    // Outside the rendered range of the virtual list: scroll there, then focus once it is rendered.
    this.viewport()?.scrollToIndex(index);
    afterNextRender(focusCard, { injector: this.injector });
  }
}
