import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthStatus } from '@atelier/contracts';
import { AppConfig, HEALTH_CHECKS, Public, ShutdownState, runHealthChecks, type HealthCheck } from '@atelier/platform';
import { JobStore } from '@atelier/jobs';

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
  @ApiOperation({ summary: 'Liveness and readiness: 200 when the store (and Redis, where configured) answer, 503 otherwise or while shutting down' })
  @ApiOkResponse({ description: '{ status: "ok", mode, checks }' })
  @ApiServiceUnavailableResponse({ description: '{ status: "error", mode, checks } naming what failed, or { status: "draining", … } while the process shuts down' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthStatus> {
    const { ok, checks } = await runHealthChecks([{ name: 'database', check: () => this.store.ping() }, ...this.extraChecks]);
    // Draining first: a load balancer must move away even though every check still answers.
    const status = this.shutdown.draining ? 'draining' : ok ? 'ok' : 'error';
    if (status !== 'ok') res.status(503);
    return { status, mode: this.config.mode, checks };
  }
}
