import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { Job } from '@atelier/contracts';
import { TASK_MANAGER_CONFIG } from './task-manager.config';

const STORAGE_KEY = 'atelier.dismissedTasks';
const MAX_REMEMBERED = 500;

/**
 * Which jobs the panel no longer shows (they stay on the Jobs page). Remembered across reloads,
 * and completed jobs are dismissed on their own a few seconds after this tab saw them complete.
 */
@Injectable({ providedIn: 'root' })
export class TaskDismissals {
  private readonly config = inject(TASK_MANAGER_CONFIG);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly dismissed = signal<ReadonlySet<string>>(load());

  constructor() {
    inject(DestroyRef).onDestroy(() => this.timers.forEach((t) => clearTimeout(t)));
  }

  dismiss(...jobIds: string[]): void {
    const next = new Set(this.dismissed());
    for (const id of jobIds) {
      next.add(id);
      clearTimeout(this.timers.get(id));
      this.timers.delete(id);
    }
    this.dismissed.set(next);
    save(next);
  }

  /** A retried job comes back to the panel. */
  restore(jobId: string): void {
    const next = new Set(this.dismissed());
    if (!next.delete(jobId)) return;
    this.dismissed.set(next);
    save(next);
  }

  /** Starts the auto-dismiss timer of every completed job that does not have one yet. */
  scheduleCompleted(jobs: readonly Job[]): void {
    const dismissed = this.dismissed();
    for (const job of jobs) {
      if (job.status !== 'completed' || dismissed.has(job.job_id) || this.timers.has(job.job_id)) continue;
      this.timers.set(job.job_id, setTimeout(() => this.dismiss(job.job_id), this.config.autoDismissMs));
    }
  }
}

function load(): ReadonlySet<string> {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    const ids: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(ids) ? ids.filter((v): v is string => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
}

function save(ids: ReadonlySet<string>): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify([...ids].slice(-MAX_REMEMBERED)));
  } catch {
    // Private mode or a full quota: dismissals then last for this tab only.
  }
}
