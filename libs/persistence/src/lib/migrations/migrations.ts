import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { AtelierDb, SqlDialectName } from '../schema';
import { jobsMigration } from './001-jobs';
import { imagesPresetsMigration } from './002-images-presets';
import { jobEventsMigration } from './003-job-events';
import { workersMigration } from './004-workers';
import { accessMigration } from './005-access';
import { jobsOwnerStatusMigration } from './006-jobs-owner-status';
import { operationsMigration } from './007-operations';
import { idempotencyMigration } from './008-idempotency';
import { webhooksMigration } from './009-webhooks';
import { statsIndexesMigration } from './010-stats-indexes';
import { jobSearchMigration } from './011-job-search';
import { statsCacheMigration } from './012-stats-cache';
import { partialTimeIndexesMigration } from './013-partial-time-indexes';
import { jobSearchAfterCommitMigration } from './014-job-search-after-commit';

/** One list of migrations for both dialects; names sort in the order they apply. */
class StaticMigrations implements MigrationProvider {
  constructor(private readonly dialect: SqlDialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001-jobs': jobsMigration(this.dialect),
      '002-images-presets': imagesPresetsMigration(this.dialect),
      '003-job-events': jobEventsMigration(this.dialect),
      '004-workers': workersMigration(this.dialect),
      '005-access': accessMigration(this.dialect),
      '006-jobs-owner-status': jobsOwnerStatusMigration(this.dialect),
      '007-operations': operationsMigration(this.dialect),
      '008-idempotency': idempotencyMigration(this.dialect),
      '009-webhooks': webhooksMigration(),
      '010-stats-indexes': statsIndexesMigration(),
      '011-job-search': jobSearchMigration(this.dialect),
      '012-stats-cache': statsCacheMigration(this.dialect),
      '013-partial-time-indexes': partialTimeIndexesMigration(),
      '014-job-search-after-commit': jobSearchAfterCommitMigration(this.dialect),
    };
  }
}

/** Applies pending migrations. Kysely's migration lock makes concurrent boots of several processes safe. */
export async function migrateToLatest(db: AtelierDb, dialect: SqlDialectName): Promise<void> {
  // On PostgreSQL, name the schema: Kysely's "does the migration table exist" check otherwise matches one in any schema.
  const migrationTableSchema =
    dialect === 'postgres' ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: new StaticMigrations(dialect), migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`, { cause: error });
  }
}
