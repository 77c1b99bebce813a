import type { JobType } from '@atelier/contracts';

/** A job type's queue as an operator left it. */
export interface QueueStateRecord {
  type: JobType;
  paused: boolean;
  changed_at: string;
  changed_by: string | null;
}

/** The paused state of each job type's queue, shared by every node and kept across restarts. */
export abstract class QueueStateStore {
  /** Every type an operator has paused or resumed (types never touched are running). */
  abstract all(): Promise<QueueStateRecord[]>;
  abstract isPaused(type: JobType): Promise<boolean>;
  abstract set(type: JobType, paused: boolean, actor: string | null): Promise<QueueStateRecord>;
}

/** In memory: one process without a database (contract suite, bench). */
export class MemoryQueueStateStore extends QueueStateStore {
  private readonly states = new Map<JobType, QueueStateRecord>();

  async all(): Promise<QueueStateRecord[]> {
    return [...this.states.values()];
  }

  async isPaused(type: JobType): Promise<boolean> {
    return this.states.get(type)?.paused ?? false;
  }

  async set(type: JobType, paused: boolean, actor: string | null): Promise<QueueStateRecord> {
    const record = { type, paused, changed_at: new Date().toISOString(), changed_by: actor };
    this.states.set(type, record);
    return record;
  }
}
