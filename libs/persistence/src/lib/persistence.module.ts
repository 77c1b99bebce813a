import { Global, Inject, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { join, resolve } from 'node:path';
import { AppConfig } from '@atelier/platform';
import { ATELIER_DB, SQL_DIALECT, type AtelierDb, type SqlDialectName } from './schema';
import { openSqliteDatabase } from './sqlite-database';
import { RECORDS_POOL_SIZE, openPostgresRecords } from './postgres-database';
import { migrateToLatest } from './migrations/migrations';
import { BlobStore } from './blobs/blob-store.port';
import { FileBlobStore } from './blobs/file-blob-store';
import { DatabaseBlobStore } from './blobs/database-blob-store';
import { BlobJanitor } from './blobs/blob-janitor';
import { StorageFaults } from './storage/storage-faults';
import { StorageHealthCheck } from './storage/storage-health-check';

const blobsFolder = (config: AppConfig) => join(resolve(config.values.dataDir), 'blobs');

/**
 * Opens the database the configuration names (SQLite file or PostgreSQL) and applies migrations at
 * boot; stores blobs and sweeps what interrupted uploads left; knows whether the data folder takes writes.
 */
@Global()
@Module({
  providers: [
    { provide: StorageFaults, useFactory: () => new StorageFaults() },
    {
      provide: SQL_DIALECT,
      inject: [AppConfig],
      useFactory: (config: AppConfig): SqlDialectName => (config.values.databaseUrl ? 'postgres' : 'sqlite'),
    },
    {
      provide: ATELIER_DB,
      inject: [AppConfig, StorageFaults, { token: RECORDS_POOL_SIZE, optional: true }],
      useFactory: async (config: AppConfig, faults: StorageFaults, recordsPoolSize?: number): Promise<AtelierDb> => {
        const { databaseUrl, databaseSchema, dataDir, databasePreparedStatements } = config.values;
        if (databaseUrl) {
          return openPostgresRecords(databaseUrl, databaseSchema, recordsPoolSize ?? config.values.databasePoolSize, { preparedStatements: databasePreparedStatements });
        }
        return openSqliteDatabase(join(resolve(dataDir), 'atelier.db'), faults);
      },
    },
    {
      provide: BlobStore,
      inject: [AppConfig, ATELIER_DB, StorageFaults],
      useFactory: (config: AppConfig, db: AtelierDb, faults: StorageFaults): BlobStore =>
        config.values.databaseUrl ? new DatabaseBlobStore(db) : new FileBlobStore(db, blobsFolder(config), faults),
    },
    {
      // Readiness of the embedded data folder (distributed mode keeps records and blobs in PostgreSQL).
      provide: StorageHealthCheck,
      inject: [AppConfig, StorageFaults],
      useFactory: (config: AppConfig, faults: StorageFaults) =>
        new StorageHealthCheck([{ path: resolve(config.values.dataDir) }, { path: blobsFolder(config), madeOnFirstUse: true }], faults),
    },
    BlobJanitor,
  ],
  exports: [ATELIER_DB, SQL_DIALECT, BlobStore, StorageFaults, StorageHealthCheck],
})
export class PersistenceModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Persistence');

  constructor(
    @Inject(ATELIER_DB) private readonly db: AtelierDb,
    @Inject(SQL_DIALECT) private readonly dialect: SqlDialectName,
  ) {}

  async onModuleInit(): Promise<void> {
    await migrateToLatest(this.db, this.dialect);
    this.logger.log(`Database ready (${this.dialect})`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
