import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig, PlatformModule } from '@atelier/platform';
import { PersistenceModule } from '@atelier/persistence';
import { JobsModule } from '@atelier/jobs';
import { StreamingModule } from '@atelier/streaming';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { HEALTH_CHECKS } from './health-checks';

/** The API process: REST + SSE + OpenAPI; in embedded mode it also runs the workers. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config), PersistenceModule, StreamingModule, JobsModule.forRoot()],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: HEALTH_CHECKS, useValue: [] }],
    };
  }
}
