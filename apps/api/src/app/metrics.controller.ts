import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@atelier/jobs';
import { MinRole } from '@atelier/platform';

/** Prometheus metrics at /metrics (outside /api, as scrapers expect): an operator's or admin's, or on METRICS_PORT (see main.ts). */
@ApiExcludeController()
@Controller()
@MinRole('operator')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {
    collectDefaultMetrics({ register: registry });
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
