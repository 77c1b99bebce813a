import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';

const STATEMENT_CACHE_SIZE = 256;
/** A batch this large commits at once instead of waiting for the end of the event-loop turn. */
const MAX_BATCH = 2000;

interface Waiter {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  value: unknown;
}

/**
 * Group commit for the one SQLite connection. A write opens a transaction (BEGIN IMMEDIATE);
 * every statement issued until the flush (see scheduleFlush) joins it, and one COMMIT then
 * settles them all. Nothing is acknowledged before it is committed: a statement's promise
 * resolves after the COMMIT that made it durable, and a read issued while writes are pending
 * waits for the same COMMIT, since it may have seen them. Each statement stays atomic on its own
 * (SQLite rolls back just the failing statement), so callers keep the semantics of autocommit.
 *
 * An explicit transaction (Kysely's `transaction()`) is a SAVEPOINT inside the batch, owned by
 * one session: other sessions' statements wait until it is released or rolled back, and its
 * commit resolves once the batch it joined is committed.
 */
export class SqliteGroupCommit {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private batch: Waiter[] | undefined;
  private flushScheduled = false;
  private committedThisTurn = false;
  private owner: SqliteSession | undefined;
  private ownerWaiters: (() => void)[] = [];

  constructor(private readonly db: BetterSqlite3.Database) {}

  session(): SqliteSession {
    return new SqliteSession(this);
  }

  execute<R>(session: SqliteSession, query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.owner && this.owner !== session) return this.waitForOwner().then(() => this.execute<R>(session, query));
    const stmt = this.prepare(query.sql);
    const inOwnTransaction = this.owner === session;
    if (!stmt.reader && !this.batch && !inOwnTransaction) this.open();
    let result: QueryResult<R>;
    try {
      result = run<R>(stmt, query.parameters);
    } catch (error) {
      this.afterError(error);
      return Promise.reject(error);
    }
    if (inOwnTransaction || !this.batch) return Promise.resolve(result);
    return this.settleWithBatch(result);
  }

  async begin(session: SqliteSession): Promise<void> {
    while (this.owner) await this.waitForOwner();
    if (!this.batch) this.open();
    this.db.exec(`SAVEPOINT atelier_tx`);
    this.owner = session;
  }

  async commit(session: SqliteSession): Promise<void> {
    this.assertOwner(session);
    this.db.exec(`RELEASE atelier_tx`);
    this.endOwnership();
    await this.settleWithBatch(undefined);
  }

  async rollback(session: SqliteSession): Promise<void> {
    this.assertOwner(session);
    // After an error that ended the whole transaction there is no savepoint left to roll back.
    if (this.db.inTransaction) this.db.exec(`ROLLBACK TO atelier_tx; RELEASE atelier_tx`);
    this.endOwnership();
  }

  /** Savepoints within an explicit transaction (Kysely's `trx.savepoint()`). */
  savepoint(session: SqliteSession, command: 'SAVEPOINT' | 'ROLLBACK TO' | 'RELEASE', name: string): void {
    this.assertOwner(session);
    this.db.exec(`${command} "${name.replace(/"/g, '""')}"`);
  }

  release(session: SqliteSession): void {
    // Kysely always ends a transaction before releasing; a session that did not is rolled back.
    if (this.owner === session) void this.rollback(session);
  }

  /** Commits what is pending, then closes the database. */
  close(): void {
    this.flush();
    this.db.close();
  }

  private prepare(sql: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sql);
    if (stmt) {
      this.statements.delete(sql);
    } else {
      stmt = this.db.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value as string);
    }
    this.statements.set(sql, stmt);
    return stmt;
  }

  private open(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.batch = [];
    this.scheduleFlush();
  }

  /**
   * The first batch of an event-loop turn commits as soon as the work that issued it settles
   * (process.nextTick runs after the pending promise continuations), so a lone request waits
   * microseconds, not a turn. Later batches of the same turn wait for the next turn: under load
   * they grow instead of committing one after another, and I/O is never starved.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    if (this.committedThisTurn) setImmediate(this.flushNow);
    else process.nextTick(this.flushNow);
  }

  private readonly flushNow = () => this.flush();

  private noteCommit(): void {
    if (this.committedThisTurn) return;
    this.committedThisTurn = true;
    setImmediate(() => (this.committedThisTurn = false));
  }

  private settleWithBatch<T>(value: T): Promise<T> {
    const batch = this.batch;
    if (!batch) return Promise.resolve(value);
    const settled = new Promise<T>((resolve, reject) => batch.push({ resolve: resolve as (v: unknown) => void, reject, value }));
    if (batch.length >= MAX_BATCH && !this.owner) this.flush();
    return settled;
  }

  /** Commits the open batch and settles its statements; waits while an explicit transaction is open. */
  flush(): void {
    this.flushScheduled = false;
    const batch = this.batch;
    if (!batch || this.owner) return;
    this.batch = undefined;
    try {
      this.db.exec('COMMIT');
      this.noteCommit();
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const w of batch) w.reject(error);
      return;
    }
    for (const w of batch) w.resolve(w.value);
  }

  /** An error that made SQLite roll back the whole transaction fails every statement of the batch. */
  private afterError(error: unknown): void {
    if (!this.batch || this.db.inTransaction) return;
    const batch = this.batch;
    this.batch = undefined;
    const cause = new Error(`The transaction was rolled back: ${(error as Error).message}`, { cause: error });
    for (const w of batch) w.reject(cause);
  }

  private assertOwner(session: SqliteSession): void {
    if (this.owner !== session) throw new Error('This session holds no transaction.');
  }

  private endOwnership(): void {
    this.owner = undefined;
    for (const wake of this.ownerWaiters.splice(0)) wake();
    if (this.batch) this.scheduleFlush();
  }

  private waitForOwner(): Promise<void> {
    return new Promise((resolve) => this.ownerWaiters.push(resolve));
  }
}

/** What Kysely holds as a connection: a handle on the shared SQLite connection. */
export class SqliteSession implements DatabaseConnection {
  constructor(readonly core: SqliteGroupCommit) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.core.execute<R>(this, query);
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on SQLite; page with a cursor instead.');
  }
}

function run<R>(stmt: BetterSqlite3.Statement, parameters: readonly unknown[]): QueryResult<R> {
  if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** The Kysely driver over the group commit. */
export class GroupCommitSqliteDriver implements Driver {
  private readonly core: SqliteGroupCommit;

  /** `beforeClose` runs after the last batch is committed and before the connection closes. */
  constructor(
    db: BetterSqlite3.Database,
    private readonly beforeClose?: () => Promise<void>,
  ) {
    this.core = new SqliteGroupCommit(db);
  }

  async init(): Promise<void> {
    // The connection is opened by the caller.
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.core.session();
  }

  beginTransaction(connection: DatabaseConnection): Promise<void> {
    return this.core.begin(connection as SqliteSession);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.core.commit(connection as SqliteSession);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.core.rollback(connection as SqliteSession);
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    this.core.savepoint(connection as SqliteSession, 'SAVEPOINT', name);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    this.core.savepoint(connection as SqliteSession, 'ROLLBACK TO', name);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    this.core.savepoint(connection as SqliteSession, 'RELEASE', name);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.core.release(connection as SqliteSession);
  }

  async destroy(): Promise<void> {
    this.core.flush();
    await this.beforeClose?.();
    this.core.close();
  }
}
