import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WorkerList } from '@atelier/contracts';
import { ApiProblems, MinRole } from '@atelier/platform';
import { WorkersService } from './workers.service';
import { WorkerListDto } from './dto/worker.dto';

@ApiTags('operations')
@Controller('workers')
@MinRole('operator')
export class WorkersController {
  constructor(private readonly workers: WorkersService) {}

  @Get()
  @ApiOperation({ operationId: 'listWorkers', summary: 'Every live process that runs jobs, with the jobs it runs now; one silent for 3 heartbeats drops out (operator)' })
  @ApiOkResponse({ type: WorkerListDto })
  @ApiProblems(401, 403)
  list(): Promise<WorkerList> {
    return this.workers.list();
  }
}
