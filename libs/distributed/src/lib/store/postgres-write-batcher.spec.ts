import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { CompiledQuery, Kysely } from 'kysely';
import { ensurePostgresSchema, migrateToLatest, openPostgresDatabase, type AtelierTables } from '@atelier/persistence';
import { uuidv7 } from '@atelier/platform';
import type { KyselyJobStore, NewJobRecord } from '@atelier/jobs';
import { postgresJobStore } from './postgres-job-store';

// Real PostgreSQL (as the distributed tests): a throw-away schema per run.
const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

function newJob(overrides: Partial<NewJobRecord> = {}): NewJobRecord {
  return {
    job_id: uuidv7(),
    type: 'generate_thumbnail',
    title: 'thumbnail',
    parent_id: null,
    child_ids: [],
    depends_on: [],
    priority: 0,
    max_attempts: 3,
    input: { image_id: 'x' },
    metadata: {},
    owner: null,
    run_at: null,
    created_at: new Date().toISOString(),
    ...overrides,
  };
}

describe('KyselyJobStore on PostgreSQL: per-turn write batching', () => {
  const schema = `t_batch_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  let db: Kysely<AtelierTables>;
  let store: KyselyJobStore;
  let statements: string[];
  let compiled: CompiledQuery[];

  beforeAll(async () => {
    await ensurePostgresSchema(DATABASE_URL, schema);
    db = openPostgresDatabase(DATABASE_URL, schema, 4);
    await migrateToLatest(db, 'postgres');
    statements = [];
    compiled = [];
    const execute = db.executeQuery.bind(db);
    jest.spyOn(db, 'executeQuery').mockImplementation((query) => {
      const c = 'sql' in query ? query : query.compile();
      statements.push(c.sql.split(' ')[0]);
      compiled.push(c);
      return execute(query);
    });
    store = postgresJobStore(db);
  });

  afterAll(async () => {
    await db.destroy();
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('answers every caller with its own row, conditional row by row, from batched statements', async () => {
    const jobs = Array.from({ length: 20 }, () => newJob());
    const inserted = await Promise.all(jobs.map((j) => store.insert([j])));
    expect(inserted.map((r) => r[0].job_id)).toEqual(jobs.map((j) => j.job_id));

    // Half are cancelled first: starting them must fail for those rows only.
    await Promise.all(jobs.slice(0, 10).map((j) => store.transition(j.job_id, ['queued'], { status: 'cancelled' })));
    const now = new Date().toISOString();
    const started = await Promise.all(
      jobs.map((j) => store.transition(j.job_id, ['queued'], { status: 'running', started_at: now, addAttempt: true }, { topLevel: true, independent: true, dueBy: now })),
    );
    expect(started.slice(0, 10)).toEqual(Array(10).fill(undefined));
    for (const [i, job] of started.slice(10).entries()) {
      expect(job).toMatchObject({ job_id: jobs[10 + i].job_id, status: 'running', attempts: 1, started_at: now });
    }
    const stored = await store.getMany(jobs.map((j) => j.job_id));
    expect(stored.filter((j) => j.status === 'running')).toHaveLength(10);
    expect(stored.filter((j) => j.status === 'cancelled')).toHaveLength(10);
  });

  it('sends the writes issued in one turn as one statement per shape', async () => {
    const jobs = Array.from({ length: 30 }, () => newJob());
    statements.length = 0;
    await Promise.all(jobs.map((j) => store.insert([j])));
    await Promise.all(jobs.map((j) => store.transition(j.job_id, ['queued'], { status: 'cancelled' })));
    expect(statements).toEqual(['INSERT', 'UPDATE']);
  });

  it('applies two changes of the same job issued in one turn in order', async () => {
    const [job] = await store.insert([newJob()]);
    const [first, second] = await Promise.all([
      store.transition(job.job_id, ['queued'], { status: 'running', step_label: 'first' }),
      store.transition(job.job_id, ['running'], { status: 'running', step_label: 'second' }),
    ]);
    expect(first?.step_label).toBe('first');
    expect(second?.step_label).toBe('second');
  });

  it('reports an error only to the caller whose row broke the batch', async () => {
    const good = newJob();
    const orphan = newJob({ parent_id: uuidv7() }); // violates the parent foreign key
    const results = await Promise.allSettled([store.insert([good]), store.insert([orphan])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(await store.get(good.job_id)).toMatchObject({ status: 'queued' });
    expect(await store.get(orphan.job_id)).toBeUndefined();
  });

  it('finds the queued dependents of several jobs in one query', async () => {
    const [a] = await store.insert([newJob()]);
    const [b] = await store.insert([newJob()]);
    const [dependent] = await store.insert([newJob({ depends_on: [a.job_id, b.job_id] })]);
    statements.length = 0;
    const [ofA, ofB] = await Promise.all([store.dependents(a.job_id), store.dependents(b.job_id)]);
    expect(ofA).toEqual([dependent.job_id]);
    expect(ofB).toEqual([dependent.job_id]);
    expect(statements).toEqual(['SELECT']);
  });

  it('finds the rows of a batch by their key, even with thousands of jobs queued and no statistics yet', async () => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      // A burst: 5,000 queued top-level jobs the planner has not analysed (with the batch's 8, a
      // table it might still take for small enough to scan).
      await client.query(
        `INSERT INTO "${schema}".jobs (id, type, status, title, input, created_at, updated_at)
         SELECT 'burst-' || g, 'generate_thumbnail', 'queued', 'burst', '{}', now()::text, now()::text FROM generate_series(1, 5000) g`,
      );
      const ids = Array.from({ length: 8 }, (_, i) => `burst-${i * 97 + 1}`);
      compiled.length = 0;
      const now = new Date().toISOString();
      const started = await Promise.all(
        ids.map((id) => store.transition(id, ['queued'], { status: 'running', started_at: now, addAttempt: true }, { topLevel: true, independent: true, dueBy: now })),
      );
      expect(started.every((j) => j?.status === 'running')).toBe(true);
      await Promise.all(ids.map((id) => store.dependents(id)));
      const batched = compiled.filter((q) => q.sql.startsWith('UPDATE') || q.sql.startsWith('SELECT d.'));
      expect(batched.map((q) => q.sql.split(' ')[0])).toEqual(['UPDATE', 'SELECT']);

      await client.query(`SET search_path TO "${schema}"`);
      for (const query of batched) {
        await client.query('BEGIN');
        const [{ 'QUERY PLAN': plan }] = (await client.query(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters])).rows;
        await client.query('ROLLBACK');
        // "jobs" is read through its primary key only: no scan of it, no status or parent index.
        const scans = scansOf(plan[0].Plan);
        const indexes = scans.map((node) => node['Index Name']).filter((name) => name?.startsWith('jobs_'));
        expect(indexes.length).toBeGreaterThan(0);
        expect(new Set(indexes)).toEqual(new Set(['jobs_pkey']));
        expect(scans.filter((node) => node['Relation Name'] === 'jobs' && node['Node Type'] === 'Seq Scan')).toEqual([]);
      }
    } finally {
      await client.end();
    }
  });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** The plan's scan nodes, depth first. */
function scansOf(node: PlanNode): PlanNode[] {
  const own = /Scan/.test(node['Node Type']) ? [node] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOf)];
}
