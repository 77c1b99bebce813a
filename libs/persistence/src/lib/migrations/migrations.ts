import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { AtelierDb, SqlDialectName } from '../schema';
import { jobsMigration } from './001-jobs';
import { imagesPresetsMigration } from './002-images-presets';

/** One list of migrations for both dialects; names sort in the order they apply. */
class StaticMigrations implements MigrationProvider {
  constructor(private readonly dialect: SqlDialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001-jobs': jobsMigration(this.dialect),
      '002-images-presets': imagesPresetsMigration(this.dialect),
    };
  }
}

/** Applies pending migrations. Kysely's migration lock makes concurrent boots of several processes safe. */
export async function migrateToLatest(db: AtelierDb, dialect: SqlDialectName): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticMigrations(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`, { cause: error });
  }
}
