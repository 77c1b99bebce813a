import { Kysely, sql } from 'kysely';
import type { SqlDialectName } from '../schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function imagesPresetsMigration(dialect: SqlDialectName) {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('blobs')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('byte_size', 'integer', (c) => c.notNull())
        .addColumn('data', sql.raw(bytes))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('images')
        .addColumn('image_id', 'text', (c) => c.primaryKey())
        .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('byte_size', 'integer', (c) => c.notNull())
        .addColumn('normalized_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
        .addColumn('thumbnail_sha256', 'text', (c) => c.references('blobs.sha256'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('presets')
        .addColumn('preset_id', 'text', (c) => c.primaryKey())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('source_image_id', 'text')
        .addColumn('job_id', 'text')
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('presets_category_idx').on('presets').columns(['category', 'preset_id']).execute();
      await db.schema
        .createIndex('presets_cache_idx')
        .on('presets')
        .columns(['source_image_id', 'category', 'provider', 'model', 'created_at'])
        .execute();
      await db.schema.createIndex('presets_job_idx').on('presets').column('job_id').execute();
    },
  };
}
