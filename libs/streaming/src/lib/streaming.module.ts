import { Module } from '@nestjs/common';
import { JobEventBroadcaster } from './job-event-broadcaster';
import { JobStreamService } from './job-stream.service';
import { JobsStreamController } from './jobs-stream.controller';

@Module({
  controllers: [JobsStreamController],
  providers: [JobStreamService, JobEventBroadcaster],
  exports: [JobStreamService, JobEventBroadcaster],
})
export class StreamingModule {}
