import { DestroyRef, Injectable, computed, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Observable, forkJoin, map, of, tap, type Subscription } from 'rxjs';
import { QUEUE_EVENT_NAMES, isFinished, isJobDataEvent, type Job, type JobEvent, type JobType, type QueueEventData } from '@atelier/contracts';
import { JobsStream, TaskPanelApi, sortNewestFirst } from '@atelier/console/data-access';
import { onConnectionChange } from './connection-changes';
import { isPanelCandidate, membersAfterLoad, nextDeparture, showsInPanel } from './panel-rule';

/** The server takes at most this many ids per dismissal. */
const DISMISS_CHUNK = 500;
/** A failed load is tried again after this long while the stream is up. */
const RELOAD_AFTER_MS = 10_000;

/**
 * What the task manager shows, as the server decides it (`GET /api/task-panel`, loaded whenever
 * the stream (re)connects) and kept current by the stream: jobs that finish join the panel,
 * `panel.dismissed` takes them out in every tab, completed and cancelled ones leave after
 * `recent_seconds`. Also the job types whose queue is paused.
 */
@Injectable({ providedIn: 'root' })
export class PanelContent {
  private readonly api = inject(TaskPanelApi);
  private readonly stream = inject(JobsStream);
  private readonly destroyRef = inject(DestroyRef);

  /** Finished jobs the panel shows. */
  private readonly members = signal<ReadonlySet<string>>(new Set());
  /** Jobs the last load brought that the stream's snapshot does not hold (older failures). */
  private readonly loadedJobs = signal<Readonly<Record<string, Job>>>({});
  private readonly recentMs = signal(120_000);
  /** Server time minus browser time. */
  private clockOffsetMs = 0;
  /** Server time as of the last departure of a recent job: what "recent" is measured against. */
  private readonly horizon = signal(Date.now());
  private departure: ReturnType<typeof setTimeout> | undefined;
  private departureAt: number | null = null;
  private loading: Subscription | null = null;
  private retryLoad: ReturnType<typeof setTimeout> | undefined;
  private meanwhile: { added: Set<string>; removed: Set<string> } | null = null;

  readonly pausedTypes = signal<readonly JobType[]>([]);
  /** True once the server's answer arrived (until then only unfinished jobs show). */
  readonly loaded = signal(false);

  readonly jobs = computed(() => {
    const members = this.members();
    const since = new Date(this.horizon() - this.recentMs()).toISOString();
    const inStream = this.stream.jobsById();
    const shown = this.stream.jobs().filter((j) => showsInPanel(j, members, since));
    const older = Object.values(this.loadedJobs()).filter((j) => !inStream[j.job_id] && showsInPanel(j, members, since));
    return older.length ? sortNewestFirst([...shown, ...older]) : shown;
  });

  constructor() {
    onConnectionChange(this.stream, (_was, now) => {
      if (now === 'open') this.load();
      if (now === 'idle') this.reset();
    });
    this.stream.events$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((e) => this.onEvent(e));
    effect(() => this.scheduleDeparture(this.stream.jobs(), this.loadedJobs(), this.members(), this.recentMs()));
    this.destroyRef.onDestroy(() => {
      clearTimeout(this.departure);
      clearTimeout(this.retryLoad);
    });
  }

  /** Takes jobs out of the panel of every tab of this user; the panel drops them at once, and again if the server refuses. */
  dismiss(jobIds: readonly string[]): Observable<void> {
    const ids = [...new Set(jobIds)];
    if (!ids.length) return of(undefined);
    const before = this.members();
    this.changeMembers([], ids);
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += DISMISS_CHUNK) chunks.push(ids.slice(i, i + DISMISS_CHUNK));
    return forkJoin(chunks.map((chunk) => this.api.dismiss(chunk))).pipe(
      map(() => undefined),
      tap({ error: () => this.changeMembers(ids.filter((id) => before.has(id)), []) }),
    );
  }

  /** (Re)loads the panel from the server; what the stream says meanwhile wins over the answer. */
  load(): void {
    this.loading?.unsubscribe();
    clearTimeout(this.retryLoad);
    this.meanwhile = { added: new Set(), removed: new Set() };
    this.loading = this.api.get().subscribe({
      next: ({ panel, clockOffsetMs }) => {
        this.clockOffsetMs = clockOffsetMs;
        this.horizon.set(this.serverNow());
        this.recentMs.set(panel.recent_seconds * 1000);
        this.members.set(membersAfterLoad(panel.jobs, this.meanwhile ?? { added: new Set(), removed: new Set() }));
        this.loadedJobs.set(Object.fromEntries(panel.jobs.map((j) => [j.job_id, j])));
        this.pausedTypes.set(panel.paused_types);
        this.meanwhile = null;
        this.loading = null;
        this.loaded.set(true);
      },
      error: () => {
        this.meanwhile = null;
        this.loading = null;
        if (this.stream.connection() === 'open') this.retryLoad = setTimeout(() => this.load(), RELOAD_AFTER_MS);
      },
    });
  }

  private reset(): void {
    this.loading?.unsubscribe();
    this.loading = null;
    clearTimeout(this.retryLoad);
    this.members.set(new Set());
    this.loadedJobs.set({});
    this.pausedTypes.set([]);
    this.loaded.set(false);
  }

  private onEvent(event: JobEvent): void {
    if (isJobDataEvent(event)) {
      if (isPanelCandidate(event.data) && isFinished(event.data.status)) this.changeMembers([event.data.job_id], []);
      return;
    }
    if (event.event === 'job.deleted') {
      this.changeMembers([], [event.data.job_id]);
      const { [event.data.job_id]: gone, ...rest } = this.loadedJobs();
      if (gone) this.loadedJobs.set(rest);
      return;
    }
    if (event.event === 'panel.dismissed') {
      this.changeMembers([], event.data.job_ids);
      return;
    }
    if ((QUEUE_EVENT_NAMES as readonly string[]).includes(event.event)) this.onQueueEvent(event.data as QueueEventData);
  }

  private onQueueEvent({ type, paused }: QueueEventData): void {
    const others = this.pausedTypes().filter((t) => t !== type);
    this.pausedTypes.set(paused ? [...others, type] : others);
  }

  private changeMembers(added: readonly string[], removed: readonly string[]): void {
    const members = this.members();
    if (added.every((id) => members.has(id)) && removed.every((id) => !members.has(id)) && !this.meanwhile) return;
    const next = new Set(members);
    for (const id of added) {
      next.add(id);
      this.meanwhile?.added.add(id);
      this.meanwhile?.removed.delete(id);
    }
    for (const id of removed) {
      next.delete(id);
      this.meanwhile?.removed.add(id);
      this.meanwhile?.added.delete(id);
    }
    this.members.set(next);
  }

  private serverNow(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves the horizon forward when the next completed or cancelled job has had its time (one timer, moved only when that time changes). */
  private scheduleDeparture(jobs: readonly Job[], loaded: Readonly<Record<string, Job>>, members: ReadonlySet<string>, recentMs: number): void {
    const now = this.serverNow();
    const streamNext = nextDeparture(jobs, members, recentMs, now);
    const loadedNext = nextDeparture(Object.values(loaded), members, recentMs, now);
    const next = streamNext === null ? loadedNext : loadedNext === null ? streamNext : Math.min(streamNext, loadedNext);
    if (next === this.departureAt) return;
    clearTimeout(this.departure);
    this.departureAt = next;
    if (next === null) return;
    // A little later than due, so that jobs finishing together leave together.
    this.departure = setTimeout(() => {
      this.departureAt = null;
      this.depart();
      this.scheduleDeparture(this.stream.jobs(), this.loadedJobs(), this.members(), this.recentMs());
    }, next - now + 250);
  }

  /** Recent jobs that had their time leave; so do members the console no longer holds. */
  private depart(): void {
    const horizon = this.serverNow();
    this.horizon.set(horizon);
    const since = new Date(horizon - this.recentMs()).toISOString();
    const inStream = this.stream.jobsById();
    const loaded = this.loadedJobs();
    const gone = [...this.members()].filter((id) => {
      const job = inStream[id] ?? loaded[id];
      return !job || ((job.status === 'completed' || job.status === 'cancelled') && (job.finished_at ?? '') < since);
    });
    if (gone.length && !this.meanwhile) this.changeMembers([], gone);
  }
}
