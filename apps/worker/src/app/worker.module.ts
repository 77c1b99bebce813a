import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig, PlatformModule } from '@atelier/platform';
import { PersistenceModule } from '@atelier/persistence';
import { JobsModule } from '@atelier/jobs';
import { DISTRIBUTED_JOB_DRIVERS, DistributedModule } from '@atelier/distributed';
import { AnalyzersModule } from '@atelier/analyzers';
import { PresetsModule } from '@atelier/presets';
import { WebhookDeliveryModule } from '@atelier/integrations';
import { WorkerLiveness } from './worker-liveness';

/** The worker process: the same handlers as the API, on the distributed drivers, and nothing else. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config),
        PersistenceModule,
        DistributedModule.forRoot(),
        JobsModule.forRoot({ drivers: DISTRIBUTED_JOB_DRIVERS, recoverOnBoot: false, role: 'worker' }),
        PresetsModule,
        AnalyzersModule,
        WebhookDeliveryModule,
      ],
      providers: [WorkerLiveness],
    };
  }
}
