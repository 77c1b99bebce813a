import { Logger } from '@nestjs/common';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { jobSearchBodySql, type AtelierTables } from '@atelier/persistence';

/** How long new jobs gather before one statement writes their search texts. */
const FLUSH_DELAY_MS = 50;
/** Jobs per statement. */
const BATCH = 1000;
/** After a failed write (a full disk), the next try waits this long. */
const RETRY_DELAY_MS = 1000;
/**
 * A previous process left unindexed only the jobs it inserted in its last moments: their ids are
 * newer than this much before the newest job it indexed (ids are UUIDv7, time first).
 */
const CATCH_UP_WINDOW_MS = 10 * 60_000;

const logger = new Logger('JobSearch');

/**
 * Writes the search texts of the jobs whose ids its one parameter lists (a JSON array); a job
 * already indexed or gone is skipped. `n`, not `j`: the body's own subquery reads the job as `j`.
 */
export const WRITE_SEARCH_TEXTS = `INSERT INTO job_search (job_id, body) SELECT n.id, ${jobSearchBodySql('sqlite', 'n.id')} FROM jobs n
  WHERE n.id IN (SELECT value FROM json_each(?)) ON CONFLICT (job_id) DO NOTHING`;

/**
 * Writes the search text of new jobs on SQLite (`job_search`, migrations 011 and 014) after their
 * insert committed, a batch per statement, instead of a trigger inside every insert. The list's
 * search finds a job still pending by scanning it (`unindexed`), so a job is searchable as soon as
 * it exists. After a crash, `ready()` finds the newest jobs a previous process left without a text.
 * A job deleted or changed before its turn is read as it then is; one deleted is skipped.
 */
export class JobSearchIndexer {
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private caughtUp?: Promise<void>;
  private failing = false;
  private stopped = false;

  constructor(private readonly db: Kysely<AtelierTables>) {}

  /** Jobs inserted whose search text is not written yet. */
  unindexed(): string[] {
    return [...this.pending];
  }

  /** Jobs just inserted (or about to commit in the caller's transaction): their texts follow shortly. */
  added(ids: readonly string[]): void {
    for (const id of ids) this.pending.add(id);
    void this.ready();
    this.schedule(FLUSH_DELAY_MS);
  }

  /** Resolves once the jobs a previous process left unindexed are pending here. */
  ready(): Promise<void> {
    return (this.caughtUp ??= this.catchUp());
  }

  /** Writes every pending text now (tests, shutdown); a failure stays pending for a later try. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.ready();
    while (this.pending.size && !this.stopped) {
      await (this.running ??= this.writeBatch().finally(() => (this.running = undefined)));
      if (this.failing) return;
    }
  }

  /** No more writes (the database was closed under it); what is pending is found again at the next start. */
  private stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((err: unknown) => logger.warn(`Search texts not written: ${String(err)}`));
    }, delayMs);
    this.timer.unref();
  }

  private async writeBatch(): Promise<void> {
    const ids = [...this.pending].slice(0, BATCH);
    try {
      await this.db.executeQuery(CompiledQuery.raw(WRITE_SEARCH_TEXTS, [JSON.stringify(ids)]));
    } catch (err) {
      if (this.stopped || isClosed(err)) return this.stop();
      if (!this.failing) logger.warn(`Search texts of ${ids.length} new jobs not written, retrying in ${RETRY_DELAY_MS / 1000} s: ${(err as Error).message}`);
      this.failing = true;
      this.schedule(RETRY_DELAY_MS);
      return;
    }
    this.failing = false;
    for (const id of ids) this.pending.delete(id);
  }

  private async catchUp(): Promise<void> {
    try {
      const { rows } = await sql<{ id: string | null }>`SELECT max(job_id) AS id FROM job_search`.execute(this.db);
      const from = idFloor(rows[0]?.id, CATCH_UP_WINDOW_MS);
      const { rows: missing } = await sql<{ id: string }>`SELECT id FROM jobs WHERE id > ${from}
        AND NOT EXISTS (SELECT 1 FROM job_search s WHERE s.job_id = jobs.id) ORDER BY id`.execute(this.db);
      // Those inserted since this process started are pending already.
      const left = missing.filter(({ id }) => !this.pending.has(id));
      if (!left.length) return;
      logger.log(`Writing the search text of ${left.length} job${left.length === 1 ? '' : 's'} the last run left without one`);
      for (const { id } of left) this.pending.add(id);
      this.schedule(0);
    } catch (err) {
      if (this.stopped || isClosed(err)) return;
      // Searched again at the next start; meanwhile those jobs are found by id only.
      logger.warn(`Jobs left unindexed by the last run not looked for: ${(err as Error).message}`);
    }
  }
}

/** The smallest UUIDv7 made `windowMs` before `id` was; '' (every job) when there is none or it is not a UUIDv7. */
function idFloor(id: string | null | undefined, windowMs: number): string {
  const ms = id ? parseInt(id.slice(0, 8) + id.slice(9, 13), 16) : NaN;
  if (!Number.isFinite(ms)) return '';
  const hex = Math.max(0, ms - windowMs).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}`;
}

function isClosed(err: unknown): boolean {
  return /destroyed|not open|closed/i.test((err as Error)?.message ?? '');
}
