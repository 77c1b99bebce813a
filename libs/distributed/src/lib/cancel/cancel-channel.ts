/**
 * Tells every worker process that a job was cancelled, so the one holding it aborts the
 * handler's signal. Fire and forget: a process that misses it runs on, and the store's
 * conditional transitions discard its late result.
 */
export interface CancelChannel {
  publish(jobId: string): Promise<void>;
  /** Starts listening (only worker processes need to). */
  subscribe(onCancel: (jobId: string) => void): Promise<void>;
  close(): Promise<void>;
}
