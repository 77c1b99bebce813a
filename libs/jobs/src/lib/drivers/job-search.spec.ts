import { sql } from 'kysely';
import pg from 'pg';
import { ensurePostgresSchema, migrateToLatest, openPostgresDatabase, openSqliteDatabase, type AtelierDb, type SqlDialectName } from '@atelier/persistence';
import { uuidv7 } from '@atelier/platform';
import type { NewJobRecord } from '../ports/job-store.port';
import { newRecordToRow } from './job-row';
import { KyselyJobStore } from './kysely-job-store';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The search (`q`) of the job list on each dialect, through the job_search index (migration 011),
 * kept by triggers, and on SQLite written for a new job just after its insert (migration 014).
 */
describe.each<SqlDialectName>(['sqlite', 'postgres'])('KyselyJobStore search (%s)', (dialect) => {
  let db: AtelierDb;
  let store: KyselyJobStore;
  const schema = `job_search_spec_${process.pid}_${Date.now()}`;
  let clock = Date.now() - 60_000;

  const job = (fields: Partial<NewJobRecord> = {}): NewJobRecord => {
    clock += 1;
    return {
      job_id: uuidv7(clock),
      type: 'analyze',
      title: 'Hair color analysis',
      parent_id: null,
      child_ids: [],
      depends_on: [],
      priority: 0,
      max_attempts: 3,
      input: {},
      metadata: {},
      owner: null,
      run_at: null,
      created_at: new Date(clock).toISOString(),
      ...fields,
    };
  };
  /** Inserts a job and waits for its search text (SQLite writes it after the insert). */
  const add = async (fields: Partial<NewJobRecord> = {}) => {
    const [added] = await store.insert([job(fields)]);
    await store.flushSearchIndex();
    return added;
  };
  const texts = async (ids: string[]) => (await db.selectFrom('job_search').select('job_id').where('job_id', 'in', ids).orderBy('job_id').execute()).map((r) => r.job_id);
  const found = async (search: string, extra: { limit?: number; beforeId?: string } = {}) =>
    (await store.list({ search, limit: extra.limit ?? 50, beforeId: extra.beforeId })).map((j) => j.job_id);
  const addPreset = (jobId: string, name: string) =>
    db
      .insertInto('presets')
      .values({ preset_id: uuidv7(), category: 'hair-color', name, data: '{}', source_image_id: null, job_id: jobId, provider: 'offline', model: 'm', created_at: new Date().toISOString() })
      .execute();

  beforeAll(async () => {
    if (dialect === 'postgres') {
      await ensurePostgresSchema(PG_URL, schema);
      db = openPostgresDatabase(PG_URL, schema);
    } else {
      db = openSqliteDatabase(':memory:');
    }
    await migrateToLatest(db, dialect);
    store = new KyselyJobStore(db, dialect);
  });

  afterAll(async () => {
    await db?.destroy();
    if (dialect === 'postgres') {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  beforeEach(async () => {
    await db.deleteFrom('presets').execute();
    await db.deleteFrom('jobs').execute();
  });

  it('finds a rare term through the index, by title, preset name asked for or file name', async () => {
    const byTitle = await add({ title: 'Quokka portrait' });
    const byPreset = await add({ input: { preset_name: 'Autumn Quokka' } });
    const byFile = await add({ metadata: { file_name: 'QUOKKA-1.jpg' } });
    for (let i = 0; i < 20; i++) await add({ metadata: { file_name: `other-${i}.jpg` } });

    expect(await found('quokka')).toEqual([byFile.job_id, byPreset.job_id, byTitle.job_id]);
    expect(await found('QuOkKa-1')).toEqual([byFile.job_id]);
    expect(await found('okk')).toHaveLength(3);
    expect(await found('nothing-has-this')).toEqual([]);
  });

  it('answers a common term newest first, a page at a time', async () => {
    // Most of the newest jobs hold the term, so the newest-first scan serves it; then a few, so the index does.
    const batch = Array.from({ length: 1005 }, (_, i) => job({ title: `Copper look ${i}` }));
    const matching = (await store.insert(batch)).map((j) => j.job_id).reverse();
    await add({ title: 'Ash look' });
    expect(await found('copper', { limit: 10 })).toEqual(matching.slice(0, 10));
    expect(await found('copper', { limit: 10, beforeId: matching[9] })).toEqual(matching.slice(10, 20));

    await db.deleteFrom('jobs').where('id', 'in', matching.slice(0, 1000)).execute();
    const rest = matching.slice(1000);
    expect(await found('copper', { limit: 2 })).toEqual(rest.slice(0, 2));
    expect(await found('copper', { limit: 2, beforeId: rest[1] })).toEqual(rest.slice(2, 4));
  });

  it('finds a job by the name of a preset it made later, and forgets the name when the preset goes', async () => {
    const made = await add({ title: 'Makeup analysis' });
    await add({ title: 'Makeup analysis' });
    expect(await found('berry bold')).toEqual([]);
    await addPreset(made.job_id, 'Berry Bold');
    expect(await found('berry bold')).toEqual([made.job_id]);
    await db.updateTable('presets').set({ name: 'Winter ash' }).where('job_id', '=', made.job_id).execute();
    expect(await found('berry bold')).toEqual([]);
    expect(await found('winter')).toEqual([made.job_id]);
    await db.deleteFrom('presets').execute();
    expect(await found('winter')).toEqual([]);
  });

  it('follows a change of title, and a status update leaves the search text alone', async () => {
    const renamed = await add({ title: 'Face shape analysis' });
    await store.transition(renamed.job_id, ['queued'], { title: 'Eyebrows analysis' });
    expect(await found('face shape')).toEqual([]);
    expect(await found('eyebrows')).toEqual([renamed.job_id]);

    const before = await db.selectFrom('job_search').select('body').where('job_id', '=', renamed.job_id).executeTakeFirstOrThrow();
    await store.transition(renamed.job_id, ['queued'], { status: 'running', started_at: new Date().toISOString() });
    await store.updateProgress(renamed.job_id, { progress: 0.5, current_step: 1, total_steps: 2, step_label: 'Half' });
    expect(await db.selectFrom('job_search').select('body').where('job_id', '=', renamed.job_id).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('matches LIKE wildcards and quotes in the needle as themselves', async () => {
    const percent = await add({ input: { preset_name: 'Evening look 100%' } });
    const underscore = await add({ metadata: { file_name: 'portrait_ada.jpg' } });
    const quoted = await add({ title: 'The "bold" look' });
    await add({ title: 'Evening look 1000', metadata: { file_name: 'portraitXada.jpg' } });

    expect(await found('look 100%')).toEqual([percent.job_id]);
    expect(await found('t_ad')).toEqual([underscore.job_id]);
    expect(await found('l_ok')).toEqual([]);
    expect(await found('"bold"')).toEqual([quoted.job_id]);
    expect(await found('e "b')).toEqual([quoted.job_id]);
    expect(await found('"')).toEqual([quoted.job_id]);
  });

  it('answers short needles and job id prefixes', async () => {
    const a = await add({ title: 'Ox' });
    const b = await add({ title: 'Lynx' });
    expect(await found('ox')).toEqual([a.job_id]);
    expect(await found('x')).toEqual([b.job_id, a.job_id]);
    expect(await found(a.job_id.slice(0, 30))).toEqual([a.job_id]);
    expect(await found(b.job_id.toUpperCase())).toEqual([b.job_id]);
  });

  it('finds a new job before its search text is written, and the same after', async () => {
    const [quokka, common] = await store.insert([job({ title: 'Quokka portrait' }), job({ title: 'Copper look' })]);
    await addPreset(common.job_id, 'Dune Sparrow');
    // SQLite has not written them yet (the store writes new texts a moment after the insert); PostgreSQL has.
    expect(await texts([quokka.job_id, common.job_id])).toEqual(dialect === 'sqlite' ? [] : [quokka.job_id, common.job_id]);
    const answers = async () => [await found('quokka'), await found('dune sparrow'), await found('copper'), await found(quokka.job_id.slice(0, 20))];
    const expected = [[quokka.job_id], [common.job_id], [common.job_id], [quokka.job_id]];
    expect(await answers()).toEqual(expected);

    await store.flushSearchIndex();
    expect(await texts([quokka.job_id, common.job_id])).toEqual([quokka.job_id, common.job_id].sort());
    expect(await answers()).toEqual(expected);
    // The preset made before the text was written is in it.
    expect(await db.selectFrom('job_search').select('body').where('job_id', '=', common.job_id).executeTakeFirstOrThrow()).toEqual({ body: 'copper look\n\n\ndune sparrow' });
  });

  it('skips a job deleted before its search text was written', async () => {
    const [gone] = await store.insert([job({ title: 'Fleeting analysis' })]);
    await store.delete(gone.job_id);
    await store.flushSearchIndex();
    expect(await texts([gone.job_id])).toEqual([]);
    expect(await found('fleeting')).toEqual([]);
  });

  if (dialect === 'sqlite') {
    it('writes, at the next start, the texts of the newest jobs a crashed process left unwritten', async () => {
      const indexed = await add({ title: 'Written before the crash' });
      // Inserted, then the process died before it wrote the text: a row written without the store.
      const lost = newRecordToRow(job({ title: 'Marmot portrait' }));
      await db.insertInto('jobs').values(lost).execute();

      const next = new KyselyJobStore(db, dialect);
      expect((await next.list({ search: 'marmot', limit: 50 })).map((j) => j.job_id)).toEqual([lost.id]);
      await next.flushSearchIndex();
      expect(await texts([indexed.job_id, lost.id])).toEqual([indexed.job_id, lost.id]);
      expect(await found('marmot')).toEqual([lost.id]);
    });
  }

  it('keeps one right text per job through inserts, renames, presets, deletions and searches at once', async () => {
    const specs = Array.from({ length: 120 }, (_, i) => job({ title: `Race ${i} look` }));
    const work: Promise<unknown>[] = [];
    for (const [i, spec] of specs.entries()) {
      work.push(
        (async () => {
          await store.insert([spec]);
          if (i % 4 === 1) await store.delete(spec.job_id);
          if (i % 4 === 2) await store.transition(spec.job_id, ['queued'], { title: `Renamed ${i} look` });
          if (i % 4 === 3) await addPreset(spec.job_id, `Race preset ${i}x`);
        })(),
      );
      if (i % 10 === 0) work.push(found('race'), found(`race ${i} look`));
    }
    await Promise.all(work);
    await store.flushSearchIndex();

    const kept = specs.filter((_, i) => i % 4 !== 1);
    const rows = await db.selectFrom('job_search').select(['job_id', 'body']).where('job_id', 'in', specs.map((j) => j.job_id)).orderBy('job_id').execute();
    const expected = kept.map((spec) => {
      const i = specs.indexOf(spec);
      const title = i % 4 === 2 ? `renamed ${i} look` : `race ${i} look`;
      return { job_id: spec.job_id, body: `${title}\n\n${i % 4 === 3 ? `\nrace preset ${i}x` : ''}` };
    });
    expect(rows).toEqual(expected);
    expect(await found(`renamed 2 look`)).toEqual([specs[2].job_id]);
    expect(await found(`race preset 3x`)).toEqual([specs[3].job_id]);
    expect(await found(`race 1 look`)).toEqual([]);
    if (dialect === 'sqlite') {
      // The FTS index holds exactly those texts: each race row once, none of the deleted ones.
      const { rows: fts } = await sql<{ n: number }>`SELECT count(*) AS n FROM job_search_fts WHERE job_search_fts MATCH '"look"'`.execute(db);
      expect(fts[0].n).toBe(kept.length);
    }
  });

  it('drops the search text of a deleted job', async () => {
    const gone = await add({ title: 'Ephemeral analysis' });
    await add({ title: 'Ephemeral analysis' });
    await store.delete(gone.job_id);
    expect(await db.selectFrom('job_search').select('job_id').where('job_id', '=', gone.job_id).execute()).toEqual([]);
    expect(await found('ephemeral')).toHaveLength(1);
    if (dialect === 'sqlite') {
      // The FTS index dropped it as well: an external-content FTS5 table answers stale rows otherwise.
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM job_search_fts WHERE job_search_fts MATCH '"ephemeral"'`.execute(db);
      expect(rows[0].n).toBe(1);
    }
  });
});
