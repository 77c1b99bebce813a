import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@atelier/contracts';
import { ATELIER_DB, currentExecutor, type AtelierDb } from '@atelier/persistence';
import { roleAtLeast } from '@atelier/platform';

/**
 * Ends a user's sessions; with a lowered role, lowers their API keys to it (a key never outranks
 * its user), or with no role given (disabled, new password) removes none of the keys but every
 * session. Keys of a disabled user stop because authentication checks the user on every request.
 */
@Injectable()
export class CredentialsRevoker {
  constructor(@Inject(ATELIER_DB) private readonly db: AtelierDb) {}

  async revokeAll(userId: string, newRole?: Role): Promise<void> {
    const db = currentExecutor(this.db);
    await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    if (!newRole) return;
    const keys = await db.selectFrom('api_keys').select(['api_key_id', 'role']).where('user_id', '=', userId).execute();
    for (const k of keys) {
      if (!roleAtLeast(newRole, k.role as Role)) await db.updateTable('api_keys').set({ role: newRole }).where('api_key_id', '=', k.api_key_id).execute();
    }
  }
}
