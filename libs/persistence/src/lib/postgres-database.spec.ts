import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ensurePostgresSchema } from './postgres-database';

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
