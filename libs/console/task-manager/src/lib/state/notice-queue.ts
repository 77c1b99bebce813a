import { DestroyRef, Injectable, inject } from '@angular/core';
import { MatSnackBar, type MatSnackBarRef, type TextOnlySnackBar } from '@angular/material/snack-bar';
import { TASK_MANAGER_CONFIG } from './task-manager.config';

export type NoticeKind = 'info' | 'success' | 'error';

export interface Notice {
  readonly message: string;
  readonly kind: NoticeKind;
  readonly action?: string;
  readonly onAction?: () => void;
  /** True when the caller already told screen readers (through the live region). */
  readonly announced?: boolean;
  /** Notices of one group that wait together become one: `summarize` of their added tallies. */
  readonly group?: string;
  readonly tally?: Readonly<Record<string, number>>;
  readonly summarize?: (tally: Readonly<Record<string, number>>) => Notice;
}

function addTallies(a: Readonly<Record<string, number>> = {}, b: Readonly<Record<string, number>> = {}): Record<string, number> {
  const sum: Record<string, number> = { ...a };
  for (const [key, n] of Object.entries(b)) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}

/**
 * The task manager's snackbars, one after another: a notice never replaces one on screen (ours
 * or another page's, such as a bulk action's result); it waits until that one is gone. Notices of
 * one group that pile up while they wait are merged ("3 tasks completed, 1 failed").
 */
@Injectable({ providedIn: 'root' })
export class NoticeQueue {
  private readonly snackBar = inject(MatSnackBar);
  private readonly config = inject(TASK_MANAGER_CONFIG);
  private readonly waiting: Notice[] = [];
  private shown: MatSnackBarRef<TextOnlySnackBar> | null = null;
  private blockedBy: MatSnackBarRef<unknown> | null = null;
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.destroyed = true));
  }

  show(notice: Notice): void {
    const same = notice.group ? this.waiting.findIndex((w) => w.group === notice.group) : -1;
    if (same >= 0 && notice.summarize) this.waiting[same] = notice.summarize(addTallies(this.waiting[same].tally, notice.tally));
    else this.waiting.push(notice);
    this.next();
  }

  /** How many notices wait (for tests and the bench). */
  get pending(): number {
    return this.waiting.length;
  }

  private next(): void {
    if (this.destroyed || this.shown || this.waiting.length === 0) return;
    const other = this.snackBar._openedSnackBarRef;
    if (other) {
      // Someone else's message is on screen: ours waits until it is gone.
      if (this.blockedBy !== other) {
        this.blockedBy = other;
        other.afterDismissed().subscribe(() => {
          this.blockedBy = null;
          this.next();
        });
      }
      return;
    }
    const notice = this.waiting.shift()!;
    const ref = this.snackBar.open(notice.message, notice.action, {
      duration: notice.kind === 'error' ? this.config.snackbarMs + 2000 : this.config.snackbarMs,
      panelClass: ['atl-snackbar', `atl-snackbar-${notice.kind}`],
      politeness: notice.announced ? 'off' : notice.kind === 'error' ? 'assertive' : 'polite',
    });
    this.shown = ref;
    if (notice.onAction) ref.onAction().subscribe(notice.onAction);
    ref.afterDismissed().subscribe(() => {
      this.shown = null;
      this.next();
    });
  }
}
