import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Role } from '@atelier/contracts';
import {
  AppConfig,
  ForbiddenError,
  MIN_ROLE,
  PUBLIC_ROUTE,
  UnauthenticatedError,
  roleAtLeast,
  scopeOf,
  type AccessRequest,
} from '@atelier/platform';
import { RateLimiter } from '../limits/rate-limiter';
import { Authenticator } from './authenticator';
import { clientIp, fromConsoleOrigin } from './request-origin';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place access is decided, for every route: who the principal is (401 without one), the
 * request rate (429), the role the route needs (403), and, for cookie-authenticated changes, that
 * the request comes from the console's origin (403 csrf). It leaves the principal and its
 * AccessScope on the request; services and stores apply the scope.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly limiter: RateLimiter,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request & AccessRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const targets = [context.getHandler(), context.getClass()];
    const ip = clientIp(req);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      await this.limiter.check(`ip:${ip}`, res);
      return true;
    }
    const principal = await this.authenticator.authenticate(req);
    if (!principal) {
      await this.limiter.check(`ip:${ip}`, res);
      throw new UnauthenticatedError('Sign in, or send an API key as "Authorization: Bearer <key>".');
    }
    await this.limiter.check(principal.via === 'api_key' ? `key:${principal.credential_id}` : `user:${principal.user_id}`, res);
    const min = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets);
    if (min && !roleAtLeast(principal.role, min)) throw new ForbiddenError(`This needs the ${min} role; you are ${principal.role}.`);
    if (principal.via === 'session' && !SAFE_METHODS.has(req.method) && !fromConsoleOrigin(req, this.config.values)) {
      throw new ForbiddenError('A change made with a session cookie must come from the Atelier console itself (Origin check). Integrations: use an API key.', 'csrf');
    }
    req.principal = principal;
    req.accessScope = scopeOf(principal, ip);
    return true;
  }
}
