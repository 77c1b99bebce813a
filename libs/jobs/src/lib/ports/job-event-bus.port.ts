import type { Observable } from 'rxjs';
import type { JobEvent } from '@atelier/contracts';

export type NewJobEvent = JobEvent extends infer E ? (E extends { id: string } ? Omit<E, 'id'> : never) : never;

/** Publishes job events to every subscriber of this process (and, distributed, of every node). */
export abstract class JobEventBus {
  /** Every event with its cursor id, in order. */
  abstract readonly events$: Observable<JobEvent>;
  abstract publish(event: NewJobEvent): Promise<void>;
  /**
   * Events after `cursor`, in order; `undefined` when the cursor is too old (or unknown) to
   * replay, so the caller must send a fresh snapshot instead.
   */
  abstract since(cursor: string): Promise<JobEvent[] | undefined>;
  /** The cursor of the newest event, for a snapshot to start from. */
  abstract currentCursor(): string;
  /**
   * The newest retained event of one job (its `data.job_id`), or undefined. For a rare path: a
   * worker that stopped between recording a job's end and publishing it (see JobLifecycle).
   */
  abstract latestOf(jobId: string): Promise<JobEvent | undefined>;
}

/** The text every event of `jobId` carries in its JSON, to find candidates without parsing each event. */
export function jobIdMarker(jobId: string): string {
  return `"job_id":${JSON.stringify(jobId)}`;
}
