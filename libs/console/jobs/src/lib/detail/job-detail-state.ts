import { DestroyRef, computed, inject, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatDialog } from '@angular/material/dialog';
import { catchError, debounceTime, filter, forkJoin, map, of, switchMap } from 'rxjs';
import { jobIdOf, type BulkAction, type Job } from '@atelier/contracts';
import { AuthState, JobsApi, JobsStream, PresetsApi, httpStatus, problemMessage } from '@atelier/console/data-access';
import { confirmAction } from '@atelier/console/ui';
import { JobActions } from '../state/job-actions';
import { fresher } from '../state/job-eligibility';
import { attemptsOf } from '../state/job-timeline';
import { streamReconnects } from '../state/stream-reconnects';

/** A preset a job made or used, by name (null: it was deleted since). */
export interface PresetRef {
  readonly presetId: string;
  readonly name: string | null;
}

/**
 * Everything the detail of one job shows, live: the job (REST, then the stream's fresher copy),
 * its timeline (reloaded as its events arrive), its children, the presets by name, and its
 * actions. Call in an injection context; `jobId` may change (the drawer) or not (the page).
 */
export function injectJobDetail(jobId: () => string | null | undefined, hooks: { deleted?: (job: Job) => void } = {}) {
  const api = inject(JobsApi);
  const presetsApi = inject(PresetsApi);
  const stream = inject(JobsStream);
  const actions = inject(JobActions);
  const dialog = inject(MatDialog);
  const auth = inject(AuthState);
  const destroyRef = inject(DestroyRef);
  const id = computed(() => jobId() || undefined);

  const fetched = rxResource({
    params: () => id(),
    stream: ({ params }) => api.get(params),
  });
  const job = computed(() => {
    const base = fetched.hasValue() ? fetched.value() : null;
    return base && base.job_id === id() ? fresher(base, stream.jobsById()[base.job_id]) : null;
  });
  const timeline = rxResource({
    params: () => id(),
    stream: ({ params }) => api.events(params),
  });
  const childPage = rxResource({
    params: () => (job()?.child_ids.length ? id() : undefined),
    stream: ({ params }) => api.list({ parentId: params, limit: 200 }),
  });
  const presetIds = computed(() => presetIdsOf(job()), { equal: (a, b) => a.join() === b.join() });
  const presets = rxResource({
    params: () => (presetIds().length ? presetIds() : undefined),
    stream: ({ params }) =>
      forkJoin(params.map((presetId) => presetsApi.get(presetId).pipe(map((p): PresetRef => ({ presetId, name: p.name })), catchError(() => of<PresetRef>({ presetId, name: null }))))),
  });
  const actionError = signal<string | null>(null);
  const busy = signal(false);

  // The timeline grows with the job's events; a deletion elsewhere turns the page into "no such job".
  stream.events$
    .pipe(
      filter((e) => !!id() && jobIdOf(e) === id()),
      debounceTime(400),
      takeUntilDestroyed(destroyRef),
    )
    .subscribe((e) => (e.event === 'job.deleted' ? fetched : timeline).reload());
  // What was missed while the stream was down (a restart, a lost network) is read again.
  streamReconnects(toObservable(stream.connection))
    .pipe(takeUntilDestroyed(destroyRef))
    .subscribe(() => refresh());

  function refresh(): void {
    fetched.reload();
    timeline.reload();
    childPage.reload();
  }

  function act(action: BulkAction): void {
    const current = job();
    if (!current || busy()) return;
    const confirmed =
      action === 'delete'
        ? confirmAction(dialog, { title: 'Delete this job?', message: 'A finished job is deleted with its children. Its presets stay.', confirmLabel: 'Delete' })
        : of(true);
    confirmed
      .pipe(
        filter(Boolean),
        switchMap(() => {
          busy.set(true);
          actionError.set(null);
          return actions.one(action, current);
        }),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe({
        next: (updated) => {
          busy.set(false);
          if (updated) timeline.reload();
          else hooks.deleted?.(current);
        },
        error: (err: unknown) => {
          busy.set(false);
          actionError.set(problemMessage(err));
        },
      });
  }

  return {
    job,
    isLoading: computed(() => fetched.isLoading() && !job()),
    /** The id names no job this user may see (whatever its shape). */
    notFound: computed(() => [400, 404].includes(httpStatus(fetched.error()) ?? 0)),
    error: computed(() => (fetched.error() ? problemMessage(fetched.error()) : null)),
    timeline: computed(() => (timeline.hasValue() ? timeline.value() : null)),
    attempts: computed(() => (timeline.hasValue() ? attemptsOf(timeline.value()) : [])),
    timelineError: computed(() => (timeline.error() ? problemMessage(timeline.error()) : null)),
    children: computed(() => {
      const live = stream.jobsById();
      return (childPage.hasValue() ? childPage.value().jobs : []).map((c) => fresher(c, live[c.job_id]));
    }),
    presets: computed(() => (presets.hasValue() ? presets.value() : presetIds().map((presetId) => ({ presetId, name: null })))),
    me: computed(() => auth.user()?.user_id ?? null),
    busy: busy.asReadonly(),
    actionError: actionError.asReadonly(),
    act,
    refresh,
  };
}

export type JobDetailState = ReturnType<typeof injectJobDetail>;

/** The presets a job made (an analysis, a comprehensive parent) or started from (an image generation). */
export function presetIdsOf(job: Job | null): string[] {
  if (!job) return [];
  const result = job.result as Record<string, unknown> | null;
  const input = job.input as unknown as Record<string, unknown>;
  const ids = [
    ...(Array.isArray(result?.['preset_ids']) ? (result['preset_ids'] as unknown[]) : []),
    result?.['preset_id'],
    job.type === 'generate_image' ? input['preset_id'] : undefined,
  ];
  return [...new Set(ids.filter((v): v is string => typeof v === 'string' && v.length > 0))];
}
