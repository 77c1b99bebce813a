import { Inject, Injectable, Optional } from '@nestjs/common';
import { JOB_TYPES, UNFINISHED_STATUSES, type JobType, type QueueInfo, type QueueList } from '@atelier/contracts';
import { AppConfig, AuditTrail, type AccessScope } from '@atelier/platform';
import { JobEngine, QueueStateStore, type QueueStateRecord } from '@atelier/jobs';
import { JobRecordsReader } from '../job-records.reader';

type QueueState = Pick<QueueInfo, 'paused' | 'changed_at' | 'changed_by'>;
const RUNNING: QueueState = { paused: false, changed_at: null, changed_by: null };

/**
 * Each job type's queue: paused or not (durable, cluster-wide: the engine's QueueControl), the
 * queued and running jobs within the caller's scope, and the per-type cap of one worker process.
 */
@Injectable()
export class QueuesService {
  /**
   * Pauses and resumes of one type on this node, one at a time: a change reads the state and then
   * writes it and publishes its event, so the stream's last queue event matches the stored state.
   */
  private readonly changes = new Map<JobType, Promise<unknown>>();

  constructor(
    private readonly engine: JobEngine,
    private readonly states: QueueStateStore,
    private readonly records: JobRecordsReader,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Optional() private readonly audit?: AuditTrail,
  ) {}

  async list(scope: AccessScope): Promise<QueueList> {
    const [states, counts] = await Promise.all([this.states.all(), this.counts(scope)]);
    const byType = new Map(states.map((s) => [s.type, s]));
    return { queues: JOB_TYPES.map((type) => this.info(type, byType.get(type) ?? RUNNING, counts)) };
  }

  /** Pauses a queue; one already paused is answered as it is (nothing changes, no event, no audit entry). */
  pause(type: JobType, scope: AccessScope): Promise<QueueInfo> {
    return this.change(type, true, scope);
  }

  /** Resumes a queue and hands its queued jobs to the workers again; one already running is answered as it is. */
  resume(type: JobType, scope: AccessScope): Promise<QueueInfo> {
    return this.change(type, false, scope);
  }

  private async change(type: JobType, paused: boolean, scope: AccessScope): Promise<QueueInfo> {
    const { state, changed } = await this.oneAtATime(type, async () => {
      const current = (await this.states.all()).find((s) => s.type === type) ?? RUNNING;
      if (current.paused === paused) return { state: current, changed: false };
      const actor = scope.actor ?? null;
      return { state: await (paused ? this.engine.queues.pause(type, actor) : this.engine.queues.resume(type, actor)), changed: true };
    });
    if (changed) await this.audit?.record(scope, { action: paused ? 'queue.paused' : 'queue.resumed', target: type });
    return this.info(type, state, await this.counts(scope, type));
  }

  private info(type: JobType, state: QueueState | QueueStateRecord, counts: Map<string, number>): QueueInfo {
    const { typeConcurrency, workerConcurrency } = this.config.values;
    return {
      type,
      paused: state.paused,
      queued: counts.get(`${type}/queued`) ?? 0,
      running: counts.get(`${type}/running`) ?? 0,
      concurrency: typeConcurrency[type] ?? workerConcurrency,
      changed_at: state.changed_at,
      changed_by: state.changed_by,
    };
  }

  /** Queued and running jobs by `type/status`. */
  private async counts(scope: AccessScope, type?: JobType): Promise<Map<string, number>> {
    const rows = await this.records.countByTypeAndStatus({ owner: scope.owner, type, statuses: UNFINISHED_STATUSES });
    return new Map(rows.map((r) => [`${r.type}/${r.status}`, r.count]));
  }

  private oneAtATime<T>(type: JobType, change: () => Promise<T>): Promise<T> {
    const previous = this.changes.get(type) ?? Promise.resolve();
    const next = previous.then(change);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.changes.set(type, settled);
    void settled.then(() => {
      if (this.changes.get(type) === settled) this.changes.delete(type);
    });
    return next;
  }
}
