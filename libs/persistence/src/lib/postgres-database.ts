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

export async function ensurePostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}
