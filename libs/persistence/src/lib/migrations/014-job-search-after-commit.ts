import { sql, type Kysely } from 'kysely';
import type { SqlDialectName } from '../schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

/**
 * SQLite: a new job's search text is written after its insert commits, by the job store's search
 * indexer (libs/jobs, JobSearchIndexer: one statement per batch of new jobs), no longer by a
 * trigger inside the insert. The trigger cost the embedded engine ≈ 80 µs of CPU per job, a third
 * of its write path (`npm run bench`, P3): SQLite keeps a statement journal for every statement that
 * fires a trigger, and wrote the search text and its FTS5 trigrams one job at a time. Until it is
 * indexed, a job is found by the list's search through the indexer's list of pending jobs; after a
 * crash, the indexer looks for jobs without a search text among the newest ones (JobSearchIndexer).
 * The triggers that keep an indexed job's text current (an update of its title, input or metadata, a
 * preset made or renamed, a deletion) stay: they change nothing for a job not yet indexed, whose
 * text the indexer reads as it is then. PostgreSQL keeps its statement-level trigger, which costs
 * a batch one statement.
 */
export function jobSearchAfterCommitMigration(dialect: SqlDialectName) {
  return {
    async up(db: AnyDb): Promise<void> {
      if (dialect === 'sqlite') await sql`DROP TRIGGER IF EXISTS jobs_search_ai`.execute(db);
    },
  };
}
