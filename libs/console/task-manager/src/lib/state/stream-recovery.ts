import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { Job } from '@atelier/contracts';
import { JobsStream, type StreamConnection } from '@atelier/console/data-access';
import { onConnectionChange } from './connection-changes';
import { NoticeQueue } from './notice-queue';
import { PanelVisibility } from './panel-visibility';
import { recoveryReport, recoverySentence, runningBefore, type RunningBefore } from './recovery-report';

/** After a reconnect, the comparison waits until the stream has been quiet this long... */
const SETTLE_MS = 800;
/** ...but no longer than this. */
const SETTLE_MAX_MS = 5000;

/**
 * The honest state of the task manager while the stream is down: since when it is stale (cards
 * freeze their timers and disable actions), and, once it is back, which running jobs the server's
 * recovery re-queued meanwhile (said in a notice and on their cards).
 */
@Injectable({ providedIn: 'root' })
export class StreamRecovery {
  private readonly stream = inject(JobsStream);
  private readonly notices = inject(NoticeQueue);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly visibility = inject(PanelVisibility);

  /** When (browser ms) the stream was lost; null while it is up. */
  readonly lostAt = signal<number | null>(null);
  readonly stale = computed(() => this.lostAt() !== null);
  /** Jobs the last recovery re-queued, until they end. */
  readonly requeuedIds = signal<ReadonlySet<string>>(new Set());
  /** The sentence of the last reconnect, shown in the panel until dismissed. */
  readonly lastReport = signal<string | null>(null);

  private before: RunningBefore[] = [];
  private settle: ReturnType<typeof setTimeout> | undefined;
  private settleStarted = 0;

  constructor() {
    onConnectionChange(this.stream, (was, now) => this.onConnection(was, now));
    // While settling, every change of the jobs restarts the quiet period.
    effect(() => {
      this.stream.jobsById();
      untracked(() => {
        if (this.settleStarted) this.scheduleSettle();
      });
    });
    // A re-queued job that ended is no longer worth a mark.
    effect(() => {
      const byId = this.stream.jobsById();
      const ids = untracked(this.requeuedIds);
      if (ids.size === 0) return;
      const still = [...ids].filter((id) => byId[id] && (byId[id].status === 'queued' || byId[id].status === 'running'));
      if (still.length !== ids.size) untracked(() => this.requeuedIds.set(new Set(still)));
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.settle));
  }

  dismissReport(): void {
    this.lastReport.set(null);
  }

  private onConnection(was: StreamConnection, now: StreamConnection): void {
    if (now === 'reconnecting' && this.lostAt() === null && was === 'open') {
      this.lostAt.set(Date.now());
      this.before = runningBefore(Object.values(this.stream.jobsById()));
      clearTimeout(this.settle);
      this.settleStarted = 0;
      void this.announcer.announce('Lost the connection to the server. Tasks show their last known state.', 'assertive');
      return;
    }
    if (now === 'open' && this.lostAt() !== null) {
      this.lostAt.set(null);
      this.settleStarted = Date.now();
      this.scheduleSettle();
      return;
    }
    if (now === 'idle') {
      this.lostAt.set(null);
      this.before = [];
      this.settleStarted = 0;
      clearTimeout(this.settle);
    }
  }

  private scheduleSettle(): void {
    clearTimeout(this.settle);
    const left = Math.max(0, this.settleStarted + SETTLE_MAX_MS - Date.now());
    this.settle = setTimeout(() => this.report(), Math.min(SETTLE_MS, left));
  }

  private report(): void {
    this.settleStarted = 0;
    const byId = this.stream.jobsById();
    const report = recoveryReport(this.before, byId);
    this.before = [];
    this.requeuedIds.set(new Set(report.requeued.filter((j: Job) => j.status === 'queued' || j.status === 'running').map((j) => j.job_id)));
    const sentence = recoverySentence(report, byId);
    this.lastReport.set(sentence);
    const message = sentence ?? 'Reconnected. Tasks are live again.';
    void this.announcer.announce(message, 'polite');
    this.notices.show({
      message,
      kind: report.failed.length ? 'error' : 'info',
      action: sentence ? 'Show tasks' : undefined,
      onAction: sentence ? () => this.visibility.open.set(true) : undefined,
      announced: true,
    });
  }
}
