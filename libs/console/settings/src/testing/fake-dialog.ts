import { of } from 'rxjs';

/** Stands in for MatDialog: records what was opened, and closes each dialog with the next queued answer. */
export class FakeDialog {
  readonly opened: { component: unknown; config: { data?: unknown; disableClose?: boolean } }[] = [];
  readonly answers: unknown[] = [];

  open(component: unknown, config: { data?: unknown; disableClose?: boolean } = {}) {
    this.opened.push({ component, config });
    const answer = this.answers.shift();
    return { afterClosed: () => of(answer) };
  }
}
