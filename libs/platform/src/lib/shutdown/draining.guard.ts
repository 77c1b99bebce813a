import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '../config/app-config';
import { AtelierError } from '../errors/atelier-error';
import { ShutdownState } from './shutdown-state';

const CREATES_JOBS = 'atelier:creates-jobs';

/** Marks a route that creates jobs: while the process drains, it answers 503 shutting_down (documented in OpenAPI). */
export const CreatesJobs = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(CREATES_JOBS, true),
    ApiResponse({
      status: 503,
      description: 'This server is shutting down (code shutting_down); Retry-After says when to send the request again',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
    }),
  );

export class ShuttingDownError extends AtelierError {
  readonly status = 503;
  readonly code = 'shutting_down';
  readonly title = 'Service Unavailable';
  override readonly retryable = true;
}

/**
 * Refuses job-creating requests while the process drains: in embedded mode their jobs could not
 * start before a restart, and a waiting request would be cut off when the process ends. Reads,
 * cancel and the other routes keep working.
 */
@Injectable()
export class DrainingGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly shutdown: ShutdownState,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.shutdown.draining) return true;
    if (!this.reflector.getAllAndOverride<boolean>(CREATES_JOBS, [context.getHandler(), context.getClass()])) return true;
    // Within the grace period this process is gone (or restarted); behind a load balancer a retry reaches another server at once.
    const retryAfterS = Math.max(1, Math.ceil(this.config.values.shutdownGraceMs / 1000));
    // No "Connection: close": the answer goes out before the upload is read, and Node reads (and drops) the rest
    // only on a connection it keeps; closing it would break the client's write instead of showing it the 503.
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfterS));
    throw new ShuttingDownError(`This server is shutting down and takes no new jobs. Send the request again in ${retryAfterS} s (another server, or this one restarted, will take it).`);
  }
}
