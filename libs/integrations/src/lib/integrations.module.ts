import { Module } from '@nestjs/common';
import { IdempotencyJanitor } from './idempotency/idempotency-janitor';

/**
 * What integrations rely on beyond the resources themselves: idempotent job creation (routes opt in
 * with @Idempotent(); this module deletes expired keys). Needs the persistence and platform modules.
 */
@Module({ providers: [IdempotencyJanitor] })
export class IntegrationsModule {}
