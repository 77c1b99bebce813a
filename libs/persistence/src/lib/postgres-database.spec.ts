import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { sql } from 'kysely';
import pg from 'pg';
import { ensurePostgresSchema, openPostgresDatabase } from './postgres-database';

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
