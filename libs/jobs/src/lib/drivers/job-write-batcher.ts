import type { TransitionGuard } from '../ports/job-store.port';
import type { JobRow } from './job-row';

/**
 * Carries the store's hot writes in fewer statements (distributed mode: libs/distributed's
 * PostgresWriteBatcher). Each call resolves after the statement that carried its row committed.
 */
export interface JobWriteBatcher {
  insert(row: JobRow): Promise<void>;
  transition(id: string, from: readonly string[], set: Partial<JobRow>, addAttempt: boolean, guard?: TransitionGuard): Promise<JobRow | undefined>;
  /** Ids of queued jobs that depend on `id`. */
  dependentsOf(id: string): Promise<string[]>;
}
