import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

/** The per-user job quota counts a user's queued and running jobs on every analysis request: from the index alone. */
export function jobsOwnerStatusMigration(_dialect: SqlDialectName) {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema.createIndex('jobs_owner_status_idx').on('jobs').columns(['owner', 'status']).execute();
    },
  };
}
