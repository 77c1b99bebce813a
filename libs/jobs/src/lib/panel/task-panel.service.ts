import type { Job, TaskPanel } from '@atelier/contracts';
import type { AtelierDb } from '@atelier/persistence';
import { visibleIn, type AccessScope } from '@atelier/platform';
import { rowToRecord } from '../drivers/job-row';
import type { JobEventBus } from '../ports/job-event-bus.port';
import type { QueueStateStore } from '../ports/queue-state.port';

/** How long a completed or cancelled job stays in the panel without being dismissed. */
export const PANEL_RECENT_SECONDS = 120;
/** At most this many unfinished jobs, and this many failed ones, newest first. */
const PANEL_UNFINISHED = 200;
const PANEL_FAILED = 100;
const PANEL_RECENT = 100;

/**
 * The task manager's content as one rule that the server and every tab of a user agree on:
 * every unfinished top-level job the user can see; every failed one they have not dismissed,
 * however old; and those completed or cancelled in the last PANEL_RECENT_SECONDS that they have
 * not dismissed. Dismissals are stored per user, and every stream of that user hears of them.
 */
export class TaskPanelService {
  constructor(
    private readonly db: AtelierDb,
    private readonly bus: JobEventBus,
    private readonly queueStates: QueueStateStore,
  ) {}

  async panel(scope: AccessScope, user: string | null): Promise<TaskPanel> {
    const recentSince = new Date(Date.now() - PANEL_RECENT_SECONDS * 1000).toISOString();
    const base = () => {
      let q = this.db.selectFrom('jobs').selectAll().where('parent_id', 'is', null);
      if (scope.owner !== undefined) q = q.where('owner', '=', scope.owner);
      return q;
    };
    const notDismissed = <Q extends ReturnType<typeof base>>(q: Q): Q =>
      user === null
        ? q
        : (q.where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('job_dismissals as d')
                  .select('d.job_id')
                  .whereRef('d.job_id', '=', 'jobs.id')
                  .where('d.user_id', '=', user)
                  // A dismissal hides the end it was made after: a job retried since that fails again shows again.
                  .whereRef('d.at', '>=', 'jobs.finished_at'),
              ),
            )
          ) as Q);
    const [unfinished, failed, recent, states] = await Promise.all([
      base().where('status', 'in', ['queued', 'running']).orderBy('id', 'desc').limit(PANEL_UNFINISHED).execute(),
      notDismissed(base().where('status', '=', 'failed')).orderBy('id', 'desc').limit(PANEL_FAILED).execute(),
      notDismissed(base().where('status', 'in', ['completed', 'cancelled']).where('finished_at', '>=', recentSince))
        .orderBy('id', 'desc')
        .limit(PANEL_RECENT)
        .execute(),
      this.queueStates.all(),
    ]);
    const jobs: Job[] = [...unfinished, ...failed, ...recent].map(rowToRecord).sort((a, b) => (a.job_id < b.job_id ? 1 : -1));
    return { jobs, recent_seconds: PANEL_RECENT_SECONDS, paused_types: states.filter((s) => s.paused).map((s) => s.type) };
  }

  /** Hides jobs from every tab of `user`; ids of jobs the user cannot see are ignored. Answers how many are dismissed now. */
  async dismiss(scope: AccessScope, user: string, jobIds: string[]): Promise<number> {
    const wanted = [...new Set(jobIds)];
    const rows = await this.db.selectFrom('jobs').select(['id', 'owner']).where('id', 'in', wanted).execute();
    const ids = rows.filter((r) => visibleIn(scope, r.owner)).map((r) => r.id);
    if (!ids.length) return 0;
    const at = new Date().toISOString();
    await this.db
      .insertInto('job_dismissals')
      .values(ids.map((job_id) => ({ user_id: user, job_id, at })))
      .onConflict((oc) => oc.columns(['user_id', 'job_id']).doNothing())
      .execute();
    await this.bus.publish({ event: 'panel.dismissed', data: { user_id: user, job_ids: ids } });
    return ids.length;
  }
}
