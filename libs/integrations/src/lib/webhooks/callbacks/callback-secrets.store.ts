import type { CallbackSecret } from '@atelier/contracts';
import { newWebhookSecret } from '../webhook-signature';
import type { WebhookDb } from '../webhook-tables';

/** Each user's callback signing secret: made on first use, rotated on request. */
export class CallbackSecretsStore {
  constructor(private readonly db: WebhookDb) {}

  async get(userId: string): Promise<CallbackSecret> {
    await this.db
      .insertInto('webhook_callback_secrets')
      .values({ user_id: userId, secret: newWebhookSecret(), created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    return this.db.selectFrom('webhook_callback_secrets').select(['secret', 'created_at']).where('user_id', '=', userId).executeTakeFirstOrThrow();
  }

  async rotate(userId: string): Promise<CallbackSecret> {
    const fresh = { secret: newWebhookSecret(), created_at: new Date().toISOString() };
    await this.db
      .insertInto('webhook_callback_secrets')
      .values({ user_id: userId, ...fresh })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(fresh))
      .execute();
    return fresh;
  }
}
