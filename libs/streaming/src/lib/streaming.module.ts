import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { JobEventBroadcaster } from './job-event-broadcaster';
import { JobStreamService } from './job-stream.service';
import { JobsStreamController } from './jobs-stream.controller';
import { StreamAdmission } from './stream-admission.middleware';

@Module({
  controllers: [JobsStreamController],
  providers: [JobStreamService, JobEventBroadcaster],
  exports: [JobStreamService, JobEventBroadcaster],
})
export class StreamingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(StreamAdmission).forRoutes({ path: 'jobs/stream', method: RequestMethod.GET });
  }
}
