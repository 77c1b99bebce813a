import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StatsSummary, Timeseries } from '@atelier/contracts';
import { ApiProblems, CurrentScope, type AccessScope } from '@atelier/platform';
import { StatsService } from './stats.service';
import { TimeseriesQuery } from './dto/timeseries.query';
import { StatsSummaryDto, TimeseriesDto } from './dto/stats.dto';

/** A member sees the stats of its own jobs; an operator or admin those of every job. */
@ApiTags('operations')
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('summary')
  @ApiOperation({ operationId: 'getStatsSummary', summary: 'Jobs by status and by type and status, and the oldest queued job' })
  @ApiOkResponse({ type: StatsSummaryDto })
  @ApiProblems(401)
  summary(@CurrentScope() scope: AccessScope): Promise<StatsSummary> {
    return this.stats.summary(scope);
  }

  @Get('timeseries')
  @ApiOperation({ operationId: 'getStatsTimeseries', summary: 'Jobs created, completed, failed and cancelled per bucket, with wait and run time percentiles, from the durable records' })
  @ApiOkResponse({ type: TimeseriesDto })
  @ApiProblems(400, 401)
  timeseries(@Query() q: TimeseriesQuery, @CurrentScope() scope: AccessScope): Promise<Timeseries> {
    return this.stats.timeseries(q, scope);
  }
}
