import { Module } from '@nestjs/common';
import { JobStreamService } from './job-stream.service';
import { JobsStreamController } from './jobs-stream.controller';

@Module({
  controllers: [JobsStreamController],
  providers: [JobStreamService],
  exports: [JobStreamService],
})
export class StreamingModule {}
