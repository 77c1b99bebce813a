/** This process as a worker, and whether another worker is still alive (heartbeating). */
export interface WorkerPresence {
  /** This process's worker id: written on every job it starts. */
  readonly id: string;
  isLive(workerId: string): Promise<boolean>;
}
