import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@atelier/jobs';
import { JobEventBroadcaster } from './job-event-broadcaster';
import { JobStreamService } from './job-stream.service';
import { JobsStreamController } from './jobs-stream.controller';
import { StreamAdmission } from './stream-admission.middleware';
import { StreamMetrics } from './stream-metrics';

@Module({
  controllers: [JobsStreamController],
  providers: [
    JobStreamService,
    JobEventBroadcaster,
    { provide: StreamMetrics, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => new StreamMetrics(registry) },
  ],
  exports: [JobStreamService, JobEventBroadcaster],
})
export class StreamingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(StreamAdmission).forRoutes({ path: 'jobs/stream', method: RequestMethod.GET });
  }
}
