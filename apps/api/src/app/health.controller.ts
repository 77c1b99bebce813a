import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthStatus } from '@atelier/contracts';
import { AppConfig, HEALTH_CHECKS, Public, ShutdownState, runHealthChecks, type HealthCheck } from '@atelier/platform';
import { JobStore } from '@atelier/jobs';

const HEALTH_SCHEMA = {
  type: 'object',
  required: ['status', 'mode', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error', 'draining'] },
    mode: { type: 'string', enum: ['embedded', 'distributed'] },
    checks: {
      type: 'object',
      additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok', 'error'] }, detail: { type: 'string' } } },
    },
  },
  example: { status: 'ok', mode: 'embedded', checks: { database: { status: 'ok' } } },
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly store: JobStore,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(HEALTH_CHECKS) private readonly extraChecks: HealthCheck[],
    private readonly shutdown: ShutdownState,
  ) {}

  @Get()
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'getHealth', summary: 'Liveness and readiness: 200 when the store (and Redis, where configured) answer, 503 otherwise or while shutting down' })
  @ApiOkResponse({ description: 'Every check answered', schema: HEALTH_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'A check failed (named in checks), or the process is shutting down ("draining")', schema: HEALTH_SCHEMA })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthStatus> {
    const { ok, checks } = await runHealthChecks([{ name: 'database', check: () => this.store.ping() }, ...this.extraChecks]);
    // Draining first: a load balancer must move away even though every check still answers.
    const status = this.shutdown.draining ? 'draining' : ok ? 'ok' : 'error';
    if (status !== 'ok') res.status(503);
    return { status, mode: this.config.mode, checks };
  }
}
