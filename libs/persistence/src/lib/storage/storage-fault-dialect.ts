import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';

type MapError = (error: unknown) => unknown;

/** The dialect with every database error passed through `mapError` (so a full disk arrives as a typed StorageError). */
export function withStorageFaults(dialect: Dialect, mapError: MapError): Dialect {
  return {
    createDriver: () => new FaultMappingDriver(dialect.createDriver(), mapError),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

class FaultMappedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly mapError: MapError,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return mapped(() => this.inner.executeQuery<R>(query), this.mapError);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** The inner driver sees its own connection objects (the SQLite group commit tells sessions apart by identity). */
class FaultMappingDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly mapError: MapError,
  ) {}

  init(): Promise<void> {
    return mapped(() => this.inner.init(), this.mapError);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new FaultMappedConnection(await this.inner.acquireConnection(), this.mapError);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return mapped(() => this.inner.beginTransaction(unwrap(connection), settings), this.mapError);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return mapped(() => this.inner.commitTransaction(unwrap(connection)), this.mapError);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return mapped(() => this.inner.rollbackTransaction(unwrap(connection)), this.mapError);
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return mapped(() => this.savepointCommand('savepoint', connection, name, compile), this.mapError);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return mapped(() => this.savepointCommand('rollbackToSavepoint', connection, name, compile), this.mapError);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return mapped(() => this.savepointCommand('releaseSavepoint', connection, name, compile), this.mapError);
  }

  private savepointCommand(
    command: 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint',
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    const method = this.inner[command];
    if (!method) throw new Error('The database driver does not support savepoints.');
    return method.call(this.inner, unwrap(connection), name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof FaultMappedConnection ? connection.inner : connection;
}

/** Runs `work`, turning a synchronous throw or a rejection into a rejection with the mapped error. */
function mapped<T>(work: () => Promise<T>, mapError: MapError): Promise<T> {
  try {
    return work().catch((error: unknown) => Promise.reject(mapError(error)));
  } catch (error) {
    return Promise.reject(mapError(error));
  }
}
