import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { ensurePostgresSchema, migrateToLatest, openPostgresDatabase, type AtelierTables } from '@atelier/persistence';
import { uuidv7 } from '@atelier/platform';
import { KyselyJobStore } from './kysely-job-store';
import type { NewJobRecord } from '../ports/job-store.port';

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

  beforeAll(async () => {
    await ensurePostgresSchema(DATABASE_URL, schema);
    db = openPostgresDatabase(DATABASE_URL, schema, 4);
    await migrateToLatest(db, 'postgres');
    statements = [];
    const execute = db.executeQuery.bind(db);
    jest.spyOn(db, 'executeQuery').mockImplementation((query) => {
      const compiled = 'sql' in query ? query : query.compile();
      statements.push(compiled.sql.split(' ')[0]);
      return execute(query);
    });
    store = new KyselyJobStore(db, 'postgres');
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
});
