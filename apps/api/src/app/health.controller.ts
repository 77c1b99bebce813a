import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthStatus } from '@atelier/contracts';
import { AppConfig } from '@atelier/platform';
import { JobStore } from '@atelier/jobs';
import { HEALTH_CHECKS, type HealthCheck } from './health-checks';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly store: JobStore,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(HEALTH_CHECKS) private readonly extraChecks: HealthCheck[],
  ) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness and readiness: 200 when the store (and Redis, where configured) answer, 503 otherwise' })
  @ApiOkResponse({ description: '{ status: "ok", mode, checks }' })
  @ApiServiceUnavailableResponse({ description: '{ status: "error", mode, checks } naming what failed' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthStatus> {
    const checks: HealthStatus['checks'] = {};
    const all: HealthCheck[] = [{ name: 'database', check: () => this.store.ping() }, ...this.extraChecks];
    await Promise.all(
      all.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), 2000);
          checks[name] = { status: 'ok' };
        } catch (err) {
          checks[name] = { status: 'error', detail: (err as Error).message };
        }
      }),
    );
    const ok = Object.values(checks).every((c) => c.status === 'ok');
    if (!ok) res.status(503);
    return { status: ok ? 'ok' : 'error', mode: this.config.mode, checks };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))),
  ]);
}
