import { Module } from '@nestjs/common';
import { JobRecordsReader } from './job-records.reader';
import { StatsController } from './stats/stats.controller';
import { StatsService } from './stats/stats.service';
import { TimeseriesCache } from './stats/timeseries-cache';
import { QueuesController } from './queues/queues.controller';
import { QueuesService } from './queues/queues.service';
import { WorkersController } from './workers/workers.controller';
import { WorkersService } from './workers/workers.service';

/**
 * The operator's view: job stats from the durable records, queue pause/resume, and the live
 * workers. Needs JobsModule (engine, queue states, worker registry) and the persistence module.
 */
@Module({
  controllers: [StatsController, QueuesController, WorkersController],
  providers: [JobRecordsReader, TimeseriesCache, StatsService, QueuesService, WorkersService],
  exports: [StatsService, QueuesService, WorkersService],
})
export class OperationsModule {}
