import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { AppConfig, HEALTH_CHECKS, PlatformModule } from '@atelier/platform';
import { PersistenceModule, StorageHealthCheck } from '@atelier/persistence';
import { JobsModule } from '@atelier/jobs';
import { DISTRIBUTED_JOB_DRIVERS, DistributedModule, QueueConnection } from '@atelier/distributed';
import { StreamingModule } from '@atelier/streaming';
import { AnalyzersModule } from '@atelier/analyzers';
import { PresetsModule } from '@atelier/presets';
import { AccessModule } from '@atelier/access';
import { OperationsModule } from '@atelier/operations';
import { IntegrationsModule } from '@atelier/integrations';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

/**
 * The API process: REST + SSE + OpenAPI; in embedded mode it also runs the workers. Distributed
 * (DATABASE_URL set): BullMQ dispatch and cross-process events, no handlers unless RUN_WORKERS=true.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const distributed = config.mode === 'distributed';
    const jobs = distributed ? JobsModule.forRoot({ drivers: DISTRIBUTED_JOB_DRIVERS, recoverOnBoot: false }) : JobsModule.forRoot();
    const healthChecks: Provider = distributed
      ? { provide: HEALTH_CHECKS, inject: [QueueConnection], useFactory: (c: QueueConnection) => c.healthChecks() }
      : { provide: HEALTH_CHECKS, inject: [StorageHealthCheck], useFactory: (storage: StorageHealthCheck) => [storage] };
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config), PersistenceModule, ...(distributed ? [DistributedModule.forRoot()] : []), StreamingModule, jobs, AccessModule, PresetsModule, AnalyzersModule, OperationsModule, IntegrationsModule],
      controllers: [HealthController, MetricsController],
      providers: [healthChecks],
    };
  }
}
