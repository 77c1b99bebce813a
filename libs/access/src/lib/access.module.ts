import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import Redis from 'ioredis';
import { ATELIER_DB, type AtelierDb } from '@atelier/persistence';
import { AppConfig, AuditTrail } from '@atelier/platform';
import { AuditService } from './audit/audit.service';
import { AuditController } from './audit/audit.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';
import { UsersController } from './users/users.controller';
import { CredentialsRevoker } from './users/credentials-revoker';
import { SessionsService } from './sessions/sessions.service';
import { ApiKeysService } from './api-keys/api-keys.service';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { Authenticator } from './guard/authenticator';
import { AccessGuard } from './guard/access.guard';
import { PrincipalCache } from './guard/principal-cache';
import { AuthController } from './auth/auth.controller';
import { LoginThrottle } from './auth/login-throttle';
import { SsoStatus } from './auth/sso-status';
import { FirstAdmin } from './setup/first-admin';
import { MemoryRateCounter, PostgresRateCounter, RateCounter, RedisRateCounter } from './limits/rate-counter';
import { RateLimiter } from './limits/rate-limiter';
import { OidcController } from './oidc/oidc.controller';
import { OidcIssuer } from './oidc/oidc-issuer';
import { OidcLoginState } from './oidc/oidc-login-state';
import { OidcService } from './oidc/oidc.service';

/** The request counter every node shares: Redis when distributed on Redis, PostgreSQL when on PostgreSQL alone, memory when embedded. */
function rateCounterOf(config: AppConfig, db: AtelierDb): RateCounter {
  if (config.mode === 'embedded') return new MemoryRateCounter();
  if (config.queueBackend === 'redis') {
    const redis = new Redis(config.values.redisUrl!, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: true });
    redis.on('error', () => undefined);
    return new RedisRateCounter(redis, config.values.queuePrefix);
  }
  return new PostgresRateCounter(db);
}

/**
 * Access control: users, sessions, API keys, the first admin, login throttling, request rates and
 * the audit log, with one global guard that decides every route.
 */
@Global()
@Module({
  controllers: [AuthController, OidcController, UsersController, ApiKeysController, AuditController],
  providers: [
    AuditService,
    { provide: AuditTrail, useExisting: AuditService },
    UsersRepository,
    UsersService,
    CredentialsRevoker,
    SessionsService,
    ApiKeysService,
    PrincipalCache,
    Authenticator,
    LoginThrottle,
    SsoStatus,
    OidcIssuer,
    OidcLoginState,
    OidcService,
    FirstAdmin,
    { provide: RateCounter, inject: [AppConfig, ATELIER_DB], useFactory: rateCounterOf },
    RateLimiter,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [Authenticator, AuditService, AuditTrail, UsersService, SessionsService, RateLimiter, SsoStatus],
})
export class AccessModule implements OnApplicationShutdown {
  constructor(@Inject(RateCounter) private readonly counter: RateCounter) {}

  async onApplicationShutdown(): Promise<void> {
    await this.counter.close();
  }
}
