import { Global, Inject, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { join, resolve } from 'node:path';
import { AppConfig } from '@atelier/platform';
import { ATELIER_DB, SQL_DIALECT, type AtelierDb, type SqlDialectName } from './schema';
import { openSqliteDatabase } from './sqlite-database';
import { ensurePostgresSchema, openPostgresDatabase } from './postgres-database';
import { migrateToLatest } from './migrations/migrations';
import { BlobStore } from './blobs/blob-store.port';
import { FileBlobStore } from './blobs/file-blob-store';
import { DatabaseBlobStore } from './blobs/database-blob-store';

/** Opens the database the configuration names (SQLite file or PostgreSQL) and applies migrations at boot. */
@Global()
@Module({
  providers: [
    {
      provide: SQL_DIALECT,
      inject: [AppConfig],
      useFactory: (config: AppConfig): SqlDialectName => (config.values.databaseUrl ? 'postgres' : 'sqlite'),
    },
    {
      provide: ATELIER_DB,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<AtelierDb> => {
        const { databaseUrl, databaseSchema, dataDir } = config.values;
        if (databaseUrl) {
          await ensurePostgresSchema(databaseUrl, databaseSchema);
          return openPostgresDatabase(databaseUrl, databaseSchema);
        }
        return openSqliteDatabase(join(resolve(dataDir), 'atelier.db'));
      },
    },
    {
      provide: BlobStore,
      inject: [AppConfig, ATELIER_DB],
      useFactory: (config: AppConfig, db: AtelierDb): BlobStore =>
        config.values.databaseUrl ? new DatabaseBlobStore(db) : new FileBlobStore(db, join(resolve(config.values.dataDir), 'blobs')),
    },
  ],
  exports: [ATELIER_DB, SQL_DIALECT, BlobStore],
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
