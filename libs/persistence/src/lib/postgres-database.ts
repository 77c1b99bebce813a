import { Logger } from '@nestjs/common';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AtelierTables } from './schema';

/**
 * Injection token: the connections the records pool may hold when other parts of the process
 * share DATABASE_POOL_SIZE (the distributed drivers provide it). Absent, the pool takes it all.
 */
export const RECORDS_POOL_SIZE = Symbol('RECORDS_POOL_SIZE');

/** Distributed records: PostgreSQL through a pg pool, every connection scoped to one schema. */
export function openPostgresDatabase(url: string, schema = 'public', maxConnections = 10, options: RecordsPoolOptions = {}): Kysely<AtelierTables> {
  return new Kysely<AtelierTables>({ dialect: new PostgresDialect({ pool: recordsPool(url, schema, maxConnections, options) }) });
}

/** openPostgresDatabase, creating the schema first through the same pool (so booting takes no connection beyond it). */
export async function openPostgresRecords(url: string, schema: string, maxConnections: number, options: RecordsPoolOptions = {}): Promise<Kysely<AtelierTables>> {
  const pool = recordsPool(url, schema, maxConnections, options);
  try {
    await createSchema(pool, schema);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return new Kysely<AtelierTables>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Ends a statement that PostgreSQL should parse and plan once per connection, not at every call:
 * the records pool prepares a text ending with it under a name of its own (see recordsClient).
 * For the hot statements of fixed text only: each distinct text holds a prepared statement on
 * every connection for the connection's life.
 */
export const PREPARED_STATEMENT = ' /* atelier:prepared */';

/** Statement names by text, shared by every connection (a name always means one text). */
const preparedNames = new Map<string, string>();
let preparedCount = 0;

function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (name === undefined) preparedNames.set(text, (name = `atelier_${++preparedCount}`));
  return name;
}

/**
 * PostgreSQL refuses to run a prepared statement whose result columns changed since it was
 * prepared (a migration from a newer node added a column to `jobs`, which `RETURNING *` reads).
 */
function isStalePreparedStatement(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '0A000' && /cached plan must not change result type/.test(String((err as Error).message));
}

type QueryCallback = (err: Error | null, result: unknown) => void;

/**
 * The records pool's connection. Kysely calls `query(text, values)`, node-pg's promise form; this
 * client answers it through node-pg's callback form instead, with a promise of its own. Measured on
 * P9's million-job PostgreSQL history (`npm run bench`), GET /api/jobs at 100 pages of 50 jobs a
 * second (P9 itself reads at half the server's time): with the promise form,
 * the rows' strings outlived two young-generation collections and were promoted, so the old
 * generation grew by ≈ 9 MB/s and a major collection ran every 2.7 s; its concurrent marking slowed
 * the requests around it for 50–100 ms on 2 cores, which made the p99. With the callback form the
 * rows die young: a major collection every 8 s. The same held in a minimal Express + pg server.
 *
 * When `prepare` is set, a statement ending with PREPARED_STATEMENT is sent as a named one:
 * node-pg parses it on the connection's first use and from then on only binds and executes it
 * (with large batches of parameters, the parse and plan were most of PostgreSQL's CPU per job;
 * `npm run bench`, P3). A statement made stale by a schema change is prepared again under a new
 * name, and run once more.
 */
function recordsClient(prepare: boolean): typeof pg.Client {
  return class RecordsClient extends pg.Client {
    override query(...args: unknown[]): never {
      const [text, values] = args;
      const query = super.query as (...a: unknown[]) => never;
      if (typeof text !== 'string' || (values !== undefined && !Array.isArray(values)) || args.length > 2) return query.apply(this, args);
      const config: { text: string; values?: unknown[]; name?: string } = { text, values };
      if (prepare && text.endsWith(PREPARED_STATEMENT)) config.name = preparedName(text);
      const run = (): Promise<unknown> => new Promise((resolve, reject) => query.call(this, config, ((err, res) => (err ? reject(err) : resolve(res))) as QueryCallback));
      return run().catch((err: unknown) => {
        if (config.name === undefined || !isStalePreparedStatement(err)) throw err;
        preparedNames.delete(text);
        config.name = preparedName(text);
        return run();
      }) as never;
    }
  };
}

export interface RecordsPoolOptions {
  /** Whether statements ending with PREPARED_STATEMENT are prepared (DATABASE_PREPARED_STATEMENTS); they run unnamed otherwise. Default true. */
  readonly preparedStatements?: boolean;
}

function recordsPool(url: string, schema: string, maxConnections: number, { preparedStatements = true }: RecordsPoolOptions): pg.Pool {
  assertIdentifier(schema);
  const pool = new PatientPool({
    connectionString: url,
    max: maxConnections,
    application_name: 'atelier:records',
    Client: recordsClient(preparedStatements),
  });
  // An idle connection the server dropped is discarded by the pool; the next query opens another.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.query(`SET search_path TO "${schema}"`).catch(() => undefined);
  });
  return pool;
}

/**
 * Creates the schema unless it exists. `CREATE SCHEMA IF NOT EXISTS` alone is not safe when several
 * processes boot together (the loser of the race fails on pg_namespace's unique index), so the
 * creators queue on an advisory lock and each later one finds the schema there.
 */
export async function ensurePostgresSchema(url: string, schema: string): Promise<void> {
  const pool = new PatientPool({ connectionString: url, max: 1, application_name: 'atelier:schema' });
  try {
    await createSchema(pool, schema);
  } finally {
    await pool.end();
  }
}

/**
 * A server refusing a new connection for now: too many clients (53300, also per role or
 * database), starting up or shutting down (57P03), or not listening yet. Waiting it out is safe,
 * since nothing was sent.
 */
export function isRefusedConnection(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '53300' || code === '57P03' || code === 'ECONNREFUSED';
}

const REFUSAL_BACKOFF_MS = [50, 100, 200, 400, 800, 1000];
const REFUSAL_LOG_EVERY_MS = 10_000;

/**
 * A pg pool that waits out refused connections (backing off up to 1 s, with jitter) instead of
 * failing the query, as ioredis waits out a Redis restart: a process that finds the server full
 * takes its connection when one frees up, and no job is left half-handled for a refused connect.
 * It gives up only when the pool is ending.
 */
export class PatientPool extends pg.Pool {
  private readonly logger = new Logger('PostgresPool');
  private lastLogged = 0;

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    const connecting = this.connectPatiently();
    if (!callback) return connecting;
    connecting.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
      (err: Error) => callback(err, undefined, () => undefined),
    );
  }

  private async connectPatiently(): Promise<pg.PoolClient> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await super.connect();
      } catch (err) {
        if (!isRefusedConnection(err) || this.ending) throw err;
        this.logRefusal(err as Error);
        const base = REFUSAL_BACKOFF_MS[Math.min(attempt, REFUSAL_BACKOFF_MS.length - 1)];
        await new Promise((resolve) => setTimeout(resolve, base / 2 + Math.random() * base));
      }
    }
  }

  private logRefusal(err: Error): void {
    if (Date.now() - this.lastLogged < REFUSAL_LOG_EVERY_MS) return;
    this.lastLogged = Date.now();
    this.logger.warn(`PostgreSQL refused a connection (${err.message}); retrying until it accepts`);
  }
}

async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  assertIdentifier(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`atelier.create-schema.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

function assertIdentifier(schema: string): void {
  if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`DATABASE_SCHEMA must be a plain identifier, got "${schema}"`);
}
