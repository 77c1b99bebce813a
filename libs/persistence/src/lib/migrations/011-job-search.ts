import { sql, type Kysely } from 'kysely';
import type { SqlDialectName } from '../schema';
import { jobSearchBodySql as bodyOf } from '../search-body';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

/**
 * The search text of each job (`q` on GET /api/jobs), so a rare term is an index lookup instead of
 * a scan of every job (issue #14): `job_search.body` holds, lower-cased and one per line, the
 * title, the preset name asked for, the upload's file name and the names of the presets the job
 * made. A trigram index serves substring search on it: FTS5 (`trigram`) on SQLite, `pg_trgm` GIN
 * on PostgreSQL. Triggers keep it in step with every write of jobs and presets, in the same
 * transaction; a status or progress update leaves it alone.
 *
 * PostgreSQL needs the `pg_trgm` extension: created here (a trusted extension since PostgreSQL 13,
 * so the database owner may create it); on an older server a superuser runs
 * `CREATE EXTENSION pg_trgm` once before the upgrade.
 */
export function jobSearchMigration(dialect: SqlDialectName) {
  return { up: (db: AnyDb) => (dialect === 'postgres' ? upPostgres(db) : upSqlite(db)) };
}

async function upSqlite(db: AnyDb): Promise<void> {
  const body = (id: string) => bodyOf('sqlite', id);
  // `doc` is the FTS5 row id: an INTEGER PRIMARY KEY keeps it stable through VACUUM (an implicit rowid would not).
  await sql`CREATE TABLE job_search (doc INTEGER PRIMARY KEY, job_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL)`.execute(db);
  // case_sensitive 1: the body and the needle are both lower-cased already, as LIKE on lower() compared them before.
  await sql`CREATE VIRTUAL TABLE job_search_fts USING fts5(body, content='job_search', content_rowid='doc', tokenize='trigram case_sensitive 1')`.execute(db);
  // The jobs there are already: their texts first, then the index built from them in one pass.
  await sql.raw(`INSERT INTO job_search (job_id, body) SELECT id, ${body('jobs.id')} FROM jobs ORDER BY id`).execute(db);
  await sql`INSERT INTO job_search_fts (job_search_fts) VALUES ('rebuild')`.execute(db);
  const statements = [
    `CREATE TRIGGER job_search_fts_ai AFTER INSERT ON job_search BEGIN
       INSERT INTO job_search_fts (rowid, body) VALUES (new.doc, new.body); END`,
    `CREATE TRIGGER job_search_fts_ad AFTER DELETE ON job_search BEGIN
       INSERT INTO job_search_fts (job_search_fts, rowid, body) VALUES ('delete', old.doc, old.body); END`,
    `CREATE TRIGGER job_search_fts_au AFTER UPDATE OF body ON job_search BEGIN
       INSERT INTO job_search_fts (job_search_fts, rowid, body) VALUES ('delete', old.doc, old.body);
       INSERT INTO job_search_fts (rowid, body) VALUES (new.doc, new.body); END`,
    `CREATE TRIGGER jobs_search_ai AFTER INSERT ON jobs BEGIN
       INSERT INTO job_search (job_id, body) VALUES (new.id, ${body('new.id')}); END`,
    `CREATE TRIGGER jobs_search_au AFTER UPDATE OF title, input, metadata ON jobs
       WHEN old.title IS NOT new.title OR old.input IS NOT new.input OR old.metadata IS NOT new.metadata BEGIN
       UPDATE job_search SET body = ${body('new.id')} WHERE job_id = new.id AND body IS NOT ${body('new.id')}; END`,
    `CREATE TRIGGER jobs_search_ad AFTER DELETE ON jobs BEGIN
       DELETE FROM job_search WHERE job_id = old.id; END`,
    `CREATE TRIGGER presets_search_ai AFTER INSERT ON presets WHEN new.job_id IS NOT NULL BEGIN
       UPDATE job_search SET body = ${body('new.job_id')} WHERE job_id = new.job_id; END`,
    `CREATE TRIGGER presets_search_au AFTER UPDATE OF name, job_id ON presets
       WHEN old.name IS NOT new.name OR old.job_id IS NOT new.job_id BEGIN
       UPDATE job_search SET body = ${body('old.job_id')} WHERE job_id = old.job_id;
       UPDATE job_search SET body = ${body('new.job_id')} WHERE job_id = new.job_id; END`,
    `CREATE TRIGGER presets_search_ad AFTER DELETE ON presets WHEN old.job_id IS NOT NULL BEGIN
       UPDATE job_search SET body = ${body('old.job_id')} WHERE job_id = old.job_id; END`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

async function upPostgres(db: AnyDb): Promise<void> {
  const body = (id: string) => bodyOf('postgres', id);
  // In `public` when there is one: an extension belongs to the schema it was created in, and
  // dropping that schema (a throw-away one of a test) would drop it, and every schema's index on it.
  const { rows: publics } = await sql`SELECT 1 FROM pg_namespace WHERE nspname = 'public'`.execute(db);
  await sql.raw(`CREATE EXTENSION IF NOT EXISTS pg_trgm${publics.length ? ' SCHEMA public' : ''}`).execute(db);
  // The extension lives in one schema of the database (maybe not this one): name its operator class with it.
  const { rows } = await sql<{ schema: string }>`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`.execute(db);
  const trgmOps = `"${rows[0].schema}".gin_trgm_ops`;
  await sql`CREATE TABLE job_search (job_id text PRIMARY KEY, body text NOT NULL)`.execute(db);
  // The functions keep this schema's tables whatever a session's search_path says.
  const statements = [
    // Inserts: one statement per INSERT (a batch of jobs is one INSERT … SELECT), over its new rows.
    `CREATE FUNCTION job_search_jobs_inserted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ BEGIN
       INSERT INTO job_search (job_id, body) SELECT added.id, ${body('added.id')} FROM added;
       RETURN NULL; END $$`,
    `CREATE TRIGGER jobs_search_ai AFTER INSERT ON jobs REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION job_search_jobs_inserted()`,
    `CREATE FUNCTION job_search_refresh(job text) RETURNS void LANGUAGE sql SET search_path FROM CURRENT AS $$
       UPDATE job_search SET body = ${body('job')} WHERE job_id = job AND body IS DISTINCT FROM ${body('job')} $$`,
    `CREATE FUNCTION job_search_jobs_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ BEGIN
       PERFORM job_search_refresh(new.id); RETURN NULL; END $$`,
    `CREATE TRIGGER jobs_search_au AFTER UPDATE OF title, input, metadata ON jobs FOR EACH ROW
       WHEN (old.title IS DISTINCT FROM new.title OR old.input IS DISTINCT FROM new.input OR old.metadata IS DISTINCT FROM new.metadata)
       EXECUTE FUNCTION job_search_jobs_changed()`,
    `CREATE FUNCTION job_search_jobs_deleted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ BEGIN
       DELETE FROM job_search WHERE job_id IN (SELECT id FROM removed); RETURN NULL; END $$`,
    `CREATE TRIGGER jobs_search_ad AFTER DELETE ON jobs REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION job_search_jobs_deleted()`,
    `CREATE FUNCTION job_search_presets_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ BEGIN
       IF TG_OP <> 'INSERT' AND old.job_id IS NOT NULL THEN PERFORM job_search_refresh(old.job_id); END IF;
       IF TG_OP <> 'DELETE' AND new.job_id IS NOT NULL THEN PERFORM job_search_refresh(new.job_id); END IF;
       RETURN NULL; END $$`,
    `CREATE TRIGGER presets_search_ai AFTER INSERT ON presets FOR EACH ROW EXECUTE FUNCTION job_search_presets_changed()`,
    `CREATE TRIGGER presets_search_au AFTER UPDATE OF name, job_id ON presets FOR EACH ROW
       WHEN (old.name IS DISTINCT FROM new.name OR old.job_id IS DISTINCT FROM new.job_id) EXECUTE FUNCTION job_search_presets_changed()`,
    `CREATE TRIGGER presets_search_ad AFTER DELETE ON presets FOR EACH ROW EXECUTE FUNCTION job_search_presets_changed()`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
  await sql.raw(`INSERT INTO job_search (job_id, body) SELECT id, ${body('jobs.id')} FROM jobs`).execute(db);
  await sql.raw(`CREATE INDEX job_search_body_trgm_idx ON job_search USING gin (body ${trgmOps})`).execute(db);
}
