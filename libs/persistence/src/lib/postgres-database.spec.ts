import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { ensurePostgresSchema, openPostgresDatabase, PREPARED_STATEMENT } from './postgres-database';

// Real PostgreSQL, as the distributed tests use.
const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('ensurePostgresSchema', () => {
  const schema = `t_schema_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

  afterAll(async () => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('creates a schema once when several processes boot together', async () => {
    // Each call is its own connection, as each booting process has.
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => ensurePostgresSchema(DATABASE_URL, schema)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', [schema]);
    await client.end();
    expect(rows[0].n).toBe(1);
  });
});

describe('PatientPool (the records pool)', () => {
  const role = `t_role_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const roleUrl = () => {
    const u = new URL(DATABASE_URL);
    u.username = role;
    return u.toString();
  };
  const admin = new pg.Client({ connectionString: DATABASE_URL });

  beforeAll(async () => {
    await admin.connect();
    // A real refusal: one connection at most for this role (53300, as "sorry, too many clients already").
    await admin.query(`CREATE ROLE "${role}" LOGIN CONNECTION LIMIT 1`);
  });
  afterAll(async () => {
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  });

  it('waits out a refused connection and runs the query once one frees, instead of failing it', async () => {
    const hog = new pg.Client({ connectionString: roleUrl() });
    await hog.connect();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const db = openPostgresDatabase(roleUrl(), 'public', 2);
    try {
      const answer = sql<{ one: number }>`SELECT 1 AS one`.execute(db);
      await until(() => warn.mock.calls.some(([m]) => /refused a connection/.test(String(m))));
      await hog.end();
      expect((await answer).rows).toEqual([{ one: 1 }]);
    } finally {
      warn.mockRestore();
      await hog.end().catch(() => undefined);
      await db.destroy();
    }
  });
});

async function until(probe: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('prepared statements of the records pool', () => {
  const schema = `t_prepared_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const db = openPostgresDatabase(DATABASE_URL, schema, 1);

  afterAll(async () => {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
    await db.destroy();
  });

  const prepared = async () =>
    (await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements ORDER BY name`.execute(db)).rows;

  it('prepares a statement ending with PREPARED_STATEMENT once per connection, and runs it with each call’s values', async () => {
    const text = `SELECT $1::int + $2::int AS sum${PREPARED_STATEMENT}`;
    const sums = [];
    for (const [a, b] of [[1, 2], [40, 2], [-5, 5]]) sums.push((await db.executeQuery<{ sum: number }>(CompiledQuery.raw(text, [a, b]))).rows[0].sum);
    expect(sums).toEqual([3, 42, 0]);
    // One connection in this pool: the statement was prepared once on it, under one name.
    const mine = (await prepared()).filter((p) => p.statement === text);
    expect(mine).toHaveLength(1);
    expect(mine[0].name).toMatch(/^atelier_\d+$/);
  });

  it('prepares a statement again when a schema change altered its result, and answers with the new columns', async () => {
    await ensurePostgresSchema(DATABASE_URL, schema);
    await sql`CREATE TABLE ${sql.table(`${schema}.rows`)} (id int)`.execute(db);
    await sql`INSERT INTO ${sql.table(`${schema}.rows`)} VALUES (1)`.execute(db);
    const text = `SELECT * FROM "${schema}"."rows" WHERE id = $1${PREPARED_STATEMENT}`;
    expect((await db.executeQuery(CompiledQuery.raw(text, [1]))).rows).toEqual([{ id: 1 }]);
    // What a newer node's migration does while this one runs.
    await sql`ALTER TABLE ${sql.table(`${schema}.rows`)} ADD COLUMN label text DEFAULT 'new'`.execute(db);
    expect((await db.executeQuery(CompiledQuery.raw(text, [1]))).rows).toEqual([{ id: 1, label: 'new' }]);
  });

  it('prepares nothing when DATABASE_PREPARED_STATEMENTS is false, and runs the same statements unnamed', async () => {
    const plain = openPostgresDatabase(DATABASE_URL, schema, 1, { preparedStatements: false });
    try {
      const text = `SELECT $1::int * 2 AS twice${PREPARED_STATEMENT}`;
      expect((await plain.executeQuery<{ twice: number }>(CompiledQuery.raw(text, [21]))).rows[0].twice).toBe(42);
      const names = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_prepared_statements`.execute(plain)).rows[0].n;
      expect(names).toBe(0);
    } finally {
      await plain.destroy();
    }
  });

  it("rejects a failing statement with PostgreSQL's error, prepared or not, and the connection serves the next one", async () => {
    for (const text of ['SELECT 1 / $1::int AS q', `SELECT 1 / $1::int AS q${PREPARED_STATEMENT}`]) {
      await expect(db.executeQuery(CompiledQuery.raw(text, [0]))).rejects.toMatchObject({ code: '22012', message: 'division by zero' });
      expect((await db.executeQuery<{ q: number }>(CompiledQuery.raw(text, [1]))).rows).toEqual([{ q: 1 }]);
    }
  });

  it('leaves every other statement unnamed', async () => {
    await db.executeQuery(CompiledQuery.raw('SELECT $1::int AS one', [1]));
    expect((await prepared()).some((p) => p.statement.includes('AS one'))).toBe(false);
  });
});
