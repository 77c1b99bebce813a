import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AtelierTables } from './schema';

/** Distributed records: PostgreSQL through a pg pool, every connection scoped to one schema. */
export function openPostgresDatabase(url: string, schema = 'public', maxConnections = 10): Kysely<AtelierTables> {
  if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`DATABASE_SCHEMA must be a plain identifier, got "${schema}"`);
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  pool.on('connect', (client) => {
    client.query(`SET search_path TO "${schema}"`).catch(() => undefined);
  });
  return new Kysely<AtelierTables>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Creates the schema unless it exists. `CREATE SCHEMA IF NOT EXISTS` alone is not safe when several
 * processes boot together (the loser of the race fails on pg_namespace's unique index), so the
 * creators queue on an advisory lock and each later one finds the schema there.
 */
export async function ensurePostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`atelier.create-schema.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
