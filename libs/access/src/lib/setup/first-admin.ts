import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { User } from '@atelier/contracts';
import { ATELIER_DB, currentExecutor, inTransaction, type AtelierDb } from '@atelier/persistence';
import { AppConfig, ConflictError, ForbiddenError, SYSTEM_SCOPE, type AccessScope } from '@atelier/platform';
import { UsersService } from '../users/users.service';
import { UsersRepository } from '../users/users.repository';
import { AuditService } from '../audit/audit.service';
import { randomSecret, sha256 } from '../tokens';

const TOKEN_KEY = 'setup_token_sha256';

/**
 * The first admin. ATELIER_ADMIN_EMAIL + ATELIER_ADMIN_PASSWORD create it at boot; otherwise the
 * server logs a one-time setup token, and only whoever can read the log can claim a fresh instance
 * (the Jenkins and Portainer pattern). Rows from before access control become the first admin's.
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly users: UsersService,
    private readonly repository: UsersRepository,
    private readonly audit: AuditService,
    @Inject(ATELIER_DB) private readonly db: AtelierDb,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.repository.count()) > 0) return;
    const { adminEmail, adminPassword } = this.config.values;
    if (adminEmail && adminPassword) {
      try {
        await this.create(SYSTEM_SCOPE, { email: adminEmail, password: adminPassword, name: 'Admin' });
        this.logger.log(`Created the first admin ${adminEmail} from ATELIER_ADMIN_EMAIL`);
      } catch (err) {
        // Another node booting at the same moment created it first (a conflict, or the unique email index).
        if ((await this.repository.count()) === 0) throw err;
      }
      return;
    }
    const token = randomSecret();
    await this.db
      .insertInto('access_settings')
      .values({ key: TOKEN_KEY, value: sha256(token) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sha256(token) }))
      .execute();
    this.logger.warn(`No user exists yet. Open the console and create the first admin with this one-time setup token: ${token}`);
  }

  async needed(): Promise<boolean> {
    return (await this.repository.count()) === 0;
  }

  /** Creates the first admin with the logged token; 403 with a wrong token, 409 once any user exists. */
  async claim(scope: AccessScope, token: string, admin: { email: string; password: string; name?: string }): Promise<User> {
    return inTransaction(this.db, async () => {
      const row = await currentExecutor(this.db).selectFrom('access_settings').select('value').where('key', '=', TOKEN_KEY).executeTakeFirst();
      if ((await this.repository.count()) > 0) throw new ConflictError('Atelier is already set up: sign in instead.', 'already_set_up');
      if (!row || !sameHash(row.value, sha256(token))) throw new ForbiddenError('That setup token is not the one this server logged at its first start.', 'bad_setup_token');
      const user = await this.create(scope, admin);
      await currentExecutor(this.db).deleteFrom('access_settings').where('key', '=', TOKEN_KEY).execute();
      return user;
    });
  }

  private async create(scope: AccessScope, admin: { email: string; password: string; name?: string }): Promise<User> {
    return inTransaction(this.db, async () => {
      const user = await this.users.create(scope, { ...admin, role: 'admin' });
      const db = currentExecutor(this.db);
      await db.updateTable('jobs').set({ owner: user.user_id }).where('owner', 'is', null).execute();
      await db.updateTable('presets').set({ owner: user.user_id }).where('owner', 'is', null).execute();
      await db
        .insertInto('image_owners')
        .columns(['image_id', 'owner'])
        .expression((eb) =>
          eb
            .selectFrom('images')
            .select((s) => ['images.image_id', s.val(user.user_id).as('owner')])
            .where('images.image_id', 'not in', (sub) => sub.selectFrom('image_owners').select('image_owners.image_id')),
        )
        .execute();
      await this.audit.record({ ...scope, actor: scope.actor ?? user.user_id }, { action: 'setup.first_admin', target: user.user_id, detail: { email: user.email } });
      return user;
    });
  }
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
