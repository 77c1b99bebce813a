import { Logger } from '@nestjs/common';
import type { JobTimelineEntry, JobTimelineKind } from '@atelier/contracts';
import type { AtelierDb } from '@atelier/persistence';
import { JobTimelineStore, type NewTimelineEntry } from '../ports/job-timeline.port';

/** Entries are written together at most this often: one multi-row INSERT instead of one per transition. */
const FLUSH_MS = 50;
const MAX_ROWS = 200;

/**
 * The timeline in the `job_timeline` table. Appends are buffered for a moment and written as one
 * INSERT, off the path of the transition that caused them (a job's start or end never waits for
 * its timeline). Reads write the buffer first, so a process reads what it recorded. A crash can
 * lose the last 50 ms of entries, never a job's state.
 */
export class KyselyJobTimeline extends JobTimelineStore {
  private readonly logger = new Logger('JobTimeline');
  private buffer: NewTimelineEntry[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: AtelierDb) {
    super();
  }

  append(entries: NewTimelineEntry[]): void {
    this.buffer.push(...entries);
    if (this.buffer.length >= MAX_ROWS) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  async list(jobId: string): Promise<JobTimelineEntry[]> {
    await this.flush();
    const rows = await this.db.selectFrom('job_timeline').selectAll().where('job_id', '=', jobId).orderBy('id').execute();
    return rows.map((r) => ({
      at: r.at,
      kind: r.kind as JobTimelineKind,
      attempt: Number(r.attempt),
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      actor: r.actor,
    }));
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.buffer;
    this.buffer = [];
    // Writes go one after another, so a job's entries keep their order.
    this.writing = this.writing.then(() => (rows.length ? this.write(rows) : undefined));
    return this.writing;
  }

  private async write(rows: NewTimelineEntry[]): Promise<void> {
    try {
      await this.db
        .insertInto('job_timeline')
        .values(rows.map((r) => ({ job_id: r.job_id, at: r.at, kind: r.kind, attempt: r.attempt, detail: JSON.stringify(r.detail), actor: r.actor })))
        .execute();
    } catch (err) {
      this.logger.warn(`${rows.length} timeline entr${rows.length === 1 ? 'y' : 'ies'} could not be written: ${(err as Error).message}`);
    }
  }
}
