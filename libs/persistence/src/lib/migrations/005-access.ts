import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

/** Users, their sessions and API keys, login throttling, the audit log, and who owns presets and images. */
export function accessMigration(_dialect: SqlDialectName) {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('oidc_subject', 'text', (c) => c.unique())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('session_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('api_key_id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('api_keys_user_idx').on('api_keys').column('user_id').execute();

      await db.schema
        .createTable('login_failures')
        .addColumn('subject', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('audit_id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('ip', 'text')
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema.createIndex('audit_actor_idx').on('audit_log').columns(['actor', 'audit_id']).execute();
      await db.schema.createIndex('audit_action_idx').on('audit_log').columns(['action', 'audit_id']).execute();

      // Request counts per principal and minute, where PostgreSQL is the only shared store (QUEUE_BACKEND=postgres).
      await db.schema
        .createTable('rate_counters')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('window', 'bigint', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_counters_pk', ['key', 'window'])
        .execute();

      // Model calls in flight across nodes (OPENAI_MAX_CONCURRENCY) where PostgreSQL is the only shared store.
      await db.schema
        .createTable('model_call_leases')
        .addColumn('lease_id', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('access_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema.alterTable('presets').addColumn('owner', 'text').execute();
      await db.schema.createIndex('presets_owner_idx').on('presets').columns(['owner', 'preset_id']).execute();
      await db.schema
        .createTable('image_owners')
        .addColumn('image_id', 'text', (c) => c.notNull().references('images.image_id').onDelete('cascade'))
        .addColumn('owner', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('image_owners_pk', ['image_id', 'owner'])
        .execute();
    },
  };
}
