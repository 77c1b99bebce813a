import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { NoticeQueue, type Notice } from './notice-queue';
import { provideTaskManagerConfig } from './task-manager.config';

describe('NoticeQueue', () => {
  let snackBar: MatSnackBar;
  let queue: NoticeQueue;

  const onScreen = () => (snackBar._openedSnackBarRef?.instance as { data?: { message: string } } | undefined)?.data?.message;
  async function dismissShown(): Promise<void> {
    const ref = snackBar._openedSnackBarRef!;
    ref.dismiss();
    await firstValueFrom(ref.afterDismissed());
  }
  const outcome = (message: string, key: 'completed' | 'failed'): Notice => ({
    message,
    kind: key === 'failed' ? 'error' : 'success',
    group: 'outcomes',
    tally: { [key]: 1 },
    summarize: (tally) => ({ message: `${tally['completed'] ?? 0} completed, ${tally['failed'] ?? 0} failed`, kind: 'info', group: 'outcomes', tally, summarize: outcome('', 'completed').summarize }),
  });

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideTaskManagerConfig({ snackbarMs: 60_000 })] });
    snackBar = TestBed.inject(MatSnackBar);
    queue = TestBed.inject(NoticeQueue);
  });

  afterEach(() => snackBar.dismiss());

  it('never replaces a message on screen: a bulk action’s result stays until it is gone', async () => {
    snackBar.open('Retried 12 jobs', 'Close');
    queue.show(outcome('Hair color analysis completed', 'completed'));
    expect(onScreen()).toBe('Retried 12 jobs');
    expect(queue.pending).toBe(1);
    await dismissShown();
    expect(onScreen()).toBe('Hair color analysis completed');
    expect(queue.pending).toBe(0);
  });

  it('shows its own notices one after another', async () => {
    queue.show({ message: 'first', kind: 'info' });
    queue.show({ message: 'second', kind: 'info' });
    expect(onScreen()).toBe('first');
    await dismissShown();
    expect(onScreen()).toBe('second');
  });

  it('merges outcomes that wait together into one summary', async () => {
    queue.show({ message: 'on screen', kind: 'info' });
    queue.show(outcome('A completed', 'completed'));
    queue.show(outcome('B completed', 'completed'));
    queue.show(outcome('C failed', 'failed'));
    expect(queue.pending).toBe(1);
    await dismissShown();
    expect(onScreen()).toBe('2 completed, 1 failed');
  });
});
