import { sql, type Kysely, type Transaction } from 'kysely';
import { FINISHED_STATUSES, UNFINISHED_STATUSES, type JobStatus } from '@atelier/contracts';
import { runInTransactionScope, type AtelierTables, type SqlDialectName } from '@atelier/persistence';
import { JobStore, type ChildSummary, type JobListQuery, type JobPatch, type JobRecord, type NewJobRecord, type ProgressPatch, type TransitionGuard } from '../ports/job-store.port';
import { newRecordToRow, patchToRow, rowToRecord, type JobRow } from './job-row';
import { searchCondition } from './job-search';
import { JobSearchIndexer } from './job-search-indexer';
import { JobSql } from './job-sql';
import type { JobWriteBatcher } from './job-write-batcher';

type Db = Kysely<AtelierTables> | Transaction<AtelierTables>;

export interface KyselyJobStoreOptions {
  /** Batches the hot writes outside transactions (distributed mode; SQLite batches in its driver: group commit). */
  batcher?: JobWriteBatcher;
  sql?: JobSql;
  /** Internal: the store bound to an open transaction. */
  inTransaction?: boolean;
  /** Internal: the root store's (SQLite writes a new job's search text after its commit). */
  searchIndexer?: JobSearchIndexer;
}

/**
 * The JobStore over Kysely. The SQL is portable, so the same class serves SQLite (embedded) and
 * PostgreSQL (distributed); only the row lock differs (SQLite serialises writers anyway).
 */
export class KyselyJobStore extends JobStore {
  private readonly batcher?: JobWriteBatcher;
  private readonly inTransaction: boolean;
  private readonly sql: JobSql;
  private readonly searchIndexer?: JobSearchIndexer;

  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialectName,
    options: KyselyJobStoreOptions = {},
  ) {
    super();
    this.inTransaction = options.inTransaction ?? false;
    this.sql = options.sql ?? new JobSql(dialect);
    // Statements inside a transaction are never batched.
    this.batcher = this.inTransaction ? undefined : options.batcher;
    // PostgreSQL writes it in the insert, by a statement-level trigger (migration 011).
    this.searchIndexer = options.searchIndexer ?? (dialect === 'sqlite' && !this.inTransaction ? new JobSearchIndexer(db as Kysely<AtelierTables>) : undefined);
  }

  /** Writes the search texts of the jobs inserted so far (SQLite writes them shortly after each insert). */
  async flushSearchIndex(): Promise<void> {
    await this.searchIndexer?.flush();
  }

  async insert(jobs: NewJobRecord[]): Promise<JobRecord[]> {
    if (jobs.length === 0) return [];
    const rows = jobs.map(newRecordToRow);
    // One job without dependencies is one statement, atomic by itself.
    if (jobs.length === 1 && jobs[0].depends_on.length === 0) {
      if (this.batcher) await this.batcher.insert(rows[0]);
      else await this.db.executeQuery(this.sql.insert(rows[0]));
    } else {
      await this.transaction(async (store) => {
        const db = (store as KyselyJobStore).db;
        for (let i = 0; i < rows.length; i += 200) await db.insertInto('jobs').values(rows.slice(i, i + 200)).execute();
        const deps = jobs.flatMap((j) => j.depends_on.map((d) => ({ job_id: j.job_id, depends_on_id: d })));
        if (deps.length) await db.insertInto('job_dependencies').values(deps).execute();
      });
    }
    this.searchIndexer?.added(rows.map((r) => r.id));
    // The rows as written are the rows as stored: no column has a database-side default left unset.
    return rows.map(rowToRecord);
  }

  async get(id: string): Promise<JobRecord | undefined> {
    const { rows } = await this.db.executeQuery<JobRow>(this.sql.get(id));
    return rows[0] && rowToRecord(rows[0]);
  }

  async getMany(ids: string[]): Promise<JobRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('jobs').selectAll().where('id', 'in', ids).orderBy('id').execute();
    return rows.map(rowToRecord);
  }

  async list(q: JobListQuery): Promise<JobRecord[]> {
    let query = this.db.selectFrom('jobs').selectAll();
    if (q.statuses?.length) query = query.where('status', 'in', q.statuses);
    if (q.types?.length) query = query.where('type', 'in', q.types);
    if (q.parentId) query = query.where('parent_id', '=', q.parentId);
    if (q.topLevel) query = query.where('parent_id', 'is', null);
    if (q.owner) query = query.where('owner', '=', q.owner);
    if (q.beforeId) query = query.where('id', '<', q.beforeId);
    if (q.afterId) query = query.where('id', '>', q.afterId);
    if (q.createdAfter) query = query.where('created_at', '>=', q.createdAfter);
    if (q.createdBefore) query = query.where('created_at', '<', q.createdBefore);
    if (q.search) {
      await this.searchIndexer?.ready();
      query = query.where(await searchCondition(this.db, this.dialect, q.search, this.searchIndexer?.unindexed()));
    }
    const rows = await query.orderBy('id', q.ascending ? 'asc' : 'desc').limit(q.limit).execute();
    return rows.map(rowToRecord);
  }

  async children(parentId: string): Promise<JobRecord[]> {
    const rows = await this.db.selectFrom('jobs').selectAll().where('parent_id', '=', parentId).orderBy('id').execute();
    return rows.map(rowToRecord);
  }

  async childSummary(parentId: string): Promise<ChildSummary> {
    const ended = sql`"status" IN (${sql.join([...FINISHED_STATUSES])})`;
    const row = await this.db
      .selectFrom('jobs')
      .select((eb) => [
        eb.fn.countAll<string>().as('total'),
        sql<string | null>`SUM(CASE WHEN ${ended} THEN 1 ELSE 0 END)`.as('ended'),
        sql<string | null>`SUM(CASE WHEN "status" <> 'queued' OR "attempts" > 0 THEN 1 ELSE 0 END)`.as('started'),
        sql<string | null>`SUM(CASE WHEN ${ended} THEN 1 ELSE "progress" END)`.as('progress_sum'),
      ])
      .where('parent_id', '=', parentId)
      .executeTakeFirstOrThrow();
    // SQLite answers numbers, PostgreSQL bigint and numeric sums as text.
    return { total: Number(row.total), ended: Number(row.ended ?? 0), started: Number(row.started ?? 0), progressSum: Number(row.progress_sum ?? 0) };
  }

  async dependents(id: string): Promise<string[]> {
    if (this.batcher) return this.batcher.dependentsOf(id);
    const { rows } = await this.db.executeQuery<{ id: string }>(this.sql.dependents(id));
    return rows.map((r) => r.id);
  }

  async countUnfinished(owner: string): Promise<number> {
    const row = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('owner', '=', owner)
      .where('status', 'in', [...UNFINISHED_STATUSES])
      // A batch runs nothing itself (it sums up its children), so a batch of JOB_QUOTA_PER_USER images fits the quota.
      .where('type', '!=', 'batch')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async transition(id: string, from: readonly JobStatus[], patch: JobPatch, guard?: TransitionGuard): Promise<JobRecord | undefined> {
    const set = patchToRow(patch, new Date().toISOString());
    const addAttempt = patch.addAttempt === true;
    const row = this.batcher
      ? await this.batcher.transition(id, from, set, addAttempt, guard)
      : (await this.db.executeQuery<JobRow>(this.sql.transition(id, from, set, addAttempt, guard))).rows[0];
    return row && rowToRecord(row);
  }

  async updateProgress(id: string, p: ProgressPatch): Promise<JobRecord | undefined> {
    const row = await this.db
      .updateTable('jobs')
      .set({
        progress: sql<number>`CASE WHEN progress < ${p.progress} THEN ${p.progress} ELSE progress END`,
        current_step: p.current_step,
        total_steps: p.total_steps,
        step_label: p.step_label,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .returningAll()
      .executeTakeFirst();
    return row && rowToRecord(row);
  }

  async mergeMetadata(id: string, metadata: Record<string, unknown>): Promise<JobRecord | undefined> {
    // A null value means "no change" on both dialects (SQLite's json_patch would delete the key, jsonb's || keep it).
    const set = Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== null && v !== undefined));
    const { rows } = await this.db.executeQuery<JobRow>(this.sql.mergeMetadata(id, set, new Date().toISOString()));
    return rows[0] && rowToRecord(rows[0]);
  }

  async delete(id: string): Promise<string[]> {
    // The parent's row lock first, as every other command on a parent and its children takes it
    // (retry, a child's start and end): a DELETE that locked children first could deadlock with them.
    return this.transaction(async (store) => {
      const db = (store as KyselyJobStore).db;
      const ids = [id, ...(await descendantsOf(db, [id]))];
      await deleteRecordsOf(db, ids);
      const deleted = await db.deleteFrom('jobs').where('id', 'in', ids).returning('id').execute();
      return deleted.map((d) => d.id);
    }, id);
  }

  async scan(statuses: readonly JobStatus[], afterId: string | undefined, limit: number): Promise<JobRecord[]> {
    let query = this.db.selectFrom('jobs').selectAll().where('status', 'in', [...statuses]);
    if (afterId) query = query.where('id', '>', afterId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map(rowToRecord);
  }

  async snapshot(finishedSince: string, limit: number): Promise<JobRecord[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('status', 'in', [...UNFINISHED_STATUSES]),
          eb.and([eb('status', 'in', [...FINISHED_STATUSES]), eb('finished_at', '>=', finishedSince)]),
        ]),
      )
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(rowToRecord);
  }

  async deleteFinishedBefore(before: string, limit: number): Promise<string[]> {
    return this.transaction(async (store) => {
      const db = (store as KyselyJobStore).db;
      const old = await db
        .selectFrom('jobs')
        .select('id')
        .where(this.offIndex('parent_id'), 'is', null)
        .where(this.offIndex('status'), 'in', [...FINISHED_STATUSES])
        .where('finished_at', '<', before)
        .orderBy('finished_at')
        .limit(limit)
        .execute();
      if (old.length === 0) return [];
      const ids = old.map((o) => o.id);
      await deleteRecordsOf(db, [...ids, ...(await descendantsOf(db, ids))]);
      await db.deleteFrom('jobs').where('id', 'in', ids).execute();
      return ids;
    });
  }

  /**
   * A column whose condition must not choose the index: the retention cleanup reads the oldest ends by
   * an index on finished_at, but SQLite, which has no table statistics, would rather walk jobs_parent_idx or
   * jobs_status_idx (every finished top-level job matches them): the whole table on the event loop at
   * boot and at every cleanup, 120–200 ms at 100,000 jobs. SQLite's unary + keeps a term off its index;
   * PostgreSQL plans from statistics.
   */
  private offIndex(column: 'parent_id' | 'status') {
    return this.dialect === 'sqlite' ? sql<string>`+${sql.ref(column)}` : sql.ref<string>(column);
  }

  async transaction<T>(fn: (store: JobStore) => Promise<T>, lockId?: string): Promise<T> {
    if (this.inTransaction) {
      await this.lock(lockId);
      return fn(this);
    }
    const root = this.db as Kysely<AtelierTables>;
    const run = () =>
      root.transaction().execute(async (trx) => {
        const store = new KyselyJobStore(trx, this.dialect, { inTransaction: true, sql: this.sql, searchIndexer: this.searchIndexer });
        await store.lock(lockId);
        return runInTransactionScope(root, trx, () => fn(store));
      });
    // PostgreSQL breaks a lock cycle by failing one of its transactions (40P01), which then left no
    // trace: run it again, a few times, after a short random pause. Commands lock a parent before its
    // children, so a cycle is rare (the write batcher's multi-row statements can still meet one).
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (err) {
        if (this.dialect !== 'postgres' || (err as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= DEADLOCK_RETRIES) throw err;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  private async lock(id: string | undefined): Promise<void> {
    if (!id || this.dialect !== 'postgres') return;
    await this.db.selectFrom('jobs').select('id').where('id', '=', id).forUpdate().execute();
  }
}

/** PostgreSQL's SQLSTATE for a transaction chosen to break a deadlock. */
const DEADLOCK_DETECTED = '40P01';
const DEADLOCK_RETRIES = 4;

/** Every job below `ids`: children, and the children of a child that is a parent itself (a batch's comprehensive analyses). */
async function descendantsOf(db: Kysely<AtelierTables>, ids: string[]): Promise<string[]> {
  const found: string[] = [];
  for (let level = ids; level.length; ) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 500) {
      const rows = await db.selectFrom('jobs').select('id').where('parent_id', 'in', level.slice(i, i + 500)).execute();
      next.push(...rows.map((r) => r.id));
    }
    found.push(...next);
    level = next;
  }
  return found;
}

/** A job's own records in other tables (its timeline, its dismissals) go with it. */
async function deleteRecordsOf(db: Kysely<AtelierTables>, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const some = ids.slice(i, i + 500);
    await db.deleteFrom('job_timeline').where('job_id', 'in', some).execute();
    await db.deleteFrom('job_dismissals').where('job_id', 'in', some).execute();
  }
}
