// The `q` filter of the job list: a job id prefix, or the text anywhere in the title, the preset name
// asked for, the upload's file name or the name of a preset the job made (case-insensitive; LIKE
// wildcards match themselves). Served by the trigram index over job_search (migration 011).
// On SQLite a new job's text is written just after its insert (migration 014, JobSearchIndexer).
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { AtelierTables, SqlDialectName } from '@atelier/persistence';

type Db = Kysely<AtelierTables> | Transaction<AtelierTables>;

/** The newest search texts that tell how common the needle and its trigrams are. */
const SAMPLE_ROWS = 2000;
/**
 * A needle in this many of the sample fills a page of 50 within the newest few thousand jobs: the
 * newest-first scan that stops after a page serves it faster than sorting every match would.
 */
const DENSE = 20;
/** Beyond this many jobs holding a needle, the index would hand over more than a scan reads. */
const MAX_CANDIDATES = 20000;
/** How many of the needle's trigrams the PostgreSQL index is asked for; the full needle is checked on the rows it finds. */
const INDEX_TRIGRAMS = 3;
const MAX_SAMPLED_TRIGRAMS = 16;

/** Trigram indexes need 3 characters; the search text holds one field per line. */
const indexable = (needle: string) => [...needle].length >= 3 && !needle.includes('\n');
const escapeLike = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

/**
 * A `WHERE` condition on `jobs` for the search text `text`. `unindexed`: jobs whose search text is
 * not written yet (SQLite writes it after the insert, JobSearchIndexer), tested row by row.
 */
export async function searchCondition(db: Db, dialect: SqlDialectName, text: string, unindexed: readonly string[] = []): Promise<Expression<SqlBool>> {
  const needle = text.trim().toLowerCase();
  const escaped = escapeLike(needle);
  const prefix = `${escaped}%`;
  if (indexable(needle)) {
    const sample = await sampleNewest(db, dialect, needle);
    if (sample.matches < DENSE) {
      const candidates = await jobsHolding(db, dialect, needle, sample.trigrams);
      if (candidates.length <= MAX_CANDIDATES) {
        const id = sql.ref('jobs.id');
        // The id range finds the prefix in the primary key; LIKE keeps its exact meaning.
        const idPrefix = sql<SqlBool>`(${id} >= ${needle} AND ${id} < ${`${needle}\u{10ffff}`} AND ${id} LIKE ${prefix} ESCAPE '!')`;
        const among = (ids: readonly string[]) => (dialect === 'postgres' ? sql<SqlBool>`${id} = ANY(${ids}::text[])` : sql<SqlBool>`${id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
        const conditions = [idPrefix];
        if (candidates.length) conditions.unshift(among(candidates));
        if (unindexed.length) conditions.push(sql<SqlBool>`(${among(unindexed)} AND ${scanCondition(dialect, escaped, prefix)})`);
        return sql<SqlBool>`(${sql.join(conditions, sql` OR `)})`;
      }
    }
  }
  return scanCondition(dialect, escaped, prefix);
}

/**
 * How many of the newest search texts hold the needle and (PostgreSQL) each of its letter-and-digit
 * trigrams, rarest first.
 */
async function sampleNewest(db: Db, dialect: SqlDialectName, needle: string): Promise<{ matches: number; trigrams: string[] }> {
  const holds = (text: string) => (dialect === 'postgres' ? sql`strpos(body, ${text}) > 0` : sql`instr(body, ${text}) > 0`);
  const count = (text: string, alias: string) => sql`sum(CASE WHEN ${holds(text)} THEN 1 ELSE 0 END) AS ${sql.ref(alias)}`;
  const trigrams = dialect === 'postgres' ? wordTrigrams(needle) : [];
  const columns = [count(needle, 'needle'), ...trigrams.map((t, i) => count(t, `t${i}`))];
  const { rows } = await sql<Record<string, string | number | null>>`SELECT ${sql.join(columns)} FROM (SELECT body FROM job_search ORDER BY job_id DESC LIMIT ${SAMPLE_ROWS}) s`.execute(db);
  const n = (alias: string) => Number(rows[0]?.[alias] ?? 0);
  const rarest = trigrams.map((t, i) => ({ t, n: n(`t${i}`) })).sort((a, b) => a.n - b.n);
  return { matches: n('needle'), trigrams: rarest.map((r) => r.t) };
}

/**
 * The needle's trigrams of letters and digits (pg_trgm indexes only those; anything else separates
 * words), a spread of them for a long needle.
 */
function wordTrigrams(needle: string): string[] {
  const chars = [...needle];
  const words = [...new Set(chars.slice(2).map((_, i) => chars.slice(i, i + 3).join('')))].filter((t) => /^[\p{L}\p{N}]{3}$/u.test(t));
  const step = Math.ceil(words.length / MAX_SAMPLED_TRIGRAMS);
  return words.filter((_, i) => i % step === 0);
}

/**
 * Ids of the jobs whose search text holds `needle`: up to one more than MAX_CANDIDATES.
 * PostgreSQL: pg_trgm's GIN index intersects the posting list of every trigram it is given, and a
 * common one ("por" of every "portrait-….jpg") holds most of the table, so it is given the
 * needle's rarest trigrams only (tens of milliseconds to one for a long needle) and the rows it
 * finds are checked for the whole needle.
 */
async function jobsHolding(db: Db, dialect: SqlDialectName, needle: string, rarestTrigrams: string[]): Promise<string[]> {
  const limit = MAX_CANDIDATES + 1;
  let query;
  if (dialect === 'postgres') {
    const patterns = rarestTrigrams.length ? rarestTrigrams.slice(0, INDEX_TRIGRAMS) : [needle];
    const index = patterns.map((t) => sql`body LIKE ${`%${escapeLike(t)}%`} ESCAPE '!'`);
    query = sql<{ job_id: string }>`SELECT job_id FROM job_search WHERE ${sql.join(index, sql` AND `)} AND strpos(body, ${needle}) > 0 LIMIT ${limit}`;
  } else {
    // An FTS5 phrase of trigrams matches exactly the bodies holding the needle; quoted, its own quotes doubled.
    query = sql<{ job_id: string }>`SELECT s.job_id FROM job_search_fts f JOIN job_search s ON s.doc = f.rowid
      WHERE job_search_fts MATCH ${`"${needle.replace(/"/g, '""')}"`} LIMIT ${limit}`;
  }
  const { rows } = await query.execute(db);
  return rows.map((r) => r.job_id);
}

/** The search as a test of each job row: for short needles, and for terms common enough that a page is found soon. */
function scanCondition(dialect: SqlDialectName, escaped: string, prefix: string): Expression<SqlBool> {
  const like = `%${escaped}%`;
  const json = (column: string, key: string) =>
    dialect === 'postgres' ? sql`lower(${sql.ref(column)}::json->>${key})` : sql`lower(json_extract(${sql.ref(column)}, ${'$.' + key}))`;
  return sql<SqlBool>`(
    ${sql.ref('jobs.id')} LIKE ${prefix} ESCAPE '!'
    OR lower(${sql.ref('jobs.title')}) LIKE ${like} ESCAPE '!'
    OR ${json('jobs.input', 'preset_name')} LIKE ${like} ESCAPE '!'
    OR ${json('jobs.metadata', 'file_name')} LIKE ${like} ESCAPE '!'
    OR EXISTS (SELECT 1 FROM presets p WHERE p.job_id = ${sql.ref('jobs.id')} AND lower(p.name) LIKE ${like} ESCAPE '!')
  )`;
}
