import { Logger } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type { JobType } from '@atelier/contracts';
import type { JobEventBus } from '../ports/job-event-bus.port';
import type { QueueStateRecord, QueueStateStore } from '../ports/queue-state.port';
import type { JobMaintenance } from './job-maintenance';

/**
 * Pause and resume of a job type's queue, for every node. The state is durable (QueueStateStore);
 * each node keeps a copy, updated by the `queue.*` events and re-read every `refreshMs`. A worker
 * handed a job of a paused type leaves it queued (after confirming the pause with the store, so a
 * resume that raced with a stale copy cannot strand it); a resume hands every queued job of the
 * type to the dispatcher again (a second entry of a job is harmless: a second start is refused).
 * Running jobs finish.
 */
export class QueueControl {
  private readonly logger = new Logger('QueueControl');
  private readonly paused = new Set<JobType>();
  /** The newest change seen per type: events and reads of two nodes' changes may arrive out of order. */
  private readonly changedAt = new Map<JobType, string>();
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;

  constructor(
    readonly states: QueueStateStore,
    private readonly bus: JobEventBus,
    private readonly maintenance: JobMaintenance,
    private readonly refreshMs: number,
  ) {}

  async start(): Promise<void> {
    if (this.subscription) return;
    this.subscription = this.bus.events$.subscribe((e) => {
      if (e.event === 'queue.paused' || e.event === 'queue.resumed') this.apply(e.data);
    });
    await this.refresh().catch((err: Error) => this.logger.warn(`Reading the paused queues failed: ${err.message}`));
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  /** This node's copy: types paused now. */
  pausedTypes(): JobType[] {
    return [...this.paused];
  }

  /** Whether a job of `type` handed to this worker must stay queued: the local copy says paused and the store agrees. */
  async holds(type: JobType): Promise<boolean> {
    if (!this.paused.has(type)) return false;
    const paused = await this.states.isPaused(type);
    if (!paused) this.paused.delete(type);
    return paused;
  }

  async pause(type: JobType, actor: string | null): Promise<QueueStateRecord> {
    const state = await this.states.set(type, true, actor);
    this.apply(state);
    await this.bus.publish({ event: 'queue.paused', data: state });
    this.logger.log(`Queue ${type} paused${actor ? ` by ${actor}` : ''}`);
    return state;
  }

  async resume(type: JobType, actor: string | null): Promise<QueueStateRecord> {
    const state = await this.states.set(type, false, actor);
    this.apply(state);
    await this.bus.publish({ event: 'queue.resumed', data: state });
    const handed = await this.maintenance.resumeQueued(type);
    this.logger.log(`Queue ${type} resumed${actor ? ` by ${actor}` : ''}; ${handed} queued job(s) handed to the workers`);
    return state;
  }

  private async refresh(): Promise<void> {
    // The store is the truth: its rows replace this node's copy, whatever order events came in.
    for (const s of await this.states.all()) {
      this.changedAt.delete(s.type);
      this.apply(s);
    }
  }

  /** Applies a change unless a newer one of that type was already seen. */
  private apply(state: QueueStateRecord): void {
    const seen = this.changedAt.get(state.type);
    if (seen && seen > state.changed_at) return;
    this.changedAt.set(state.type, state.changed_at);
    if (state.paused) this.paused.add(state.type);
    else this.paused.delete(state.type);
  }
}
