import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TaskPanel } from '@atelier/contracts';
import { ApiProblems, CurrentScope, type AccessScope } from '@atelier/platform';
import { DismissRequest, DismissResultDto, TaskPanelDto } from '../dto/operations.dto';
import { TaskPanelService } from './task-panel.service';

@ApiTags('jobs')
@Controller('task-panel')
export class TaskPanelController {
  constructor(private readonly panel: TaskPanelService) {}

  @Get()
  @ApiOperation({
    operationId: 'getTaskPanel',
    summary: "The task manager's content: unfinished jobs, failed ones not dismissed, and those that ended in the last two minutes and were not dismissed",
  })
  @ApiOkResponse({ type: TaskPanelDto })
  @ApiProblems(401)
  get(@CurrentScope() scope: AccessScope): Promise<TaskPanel> {
    return this.panel.panel(scope, scope.actor ?? null);
  }

  @Post('dismiss')
  @HttpCode(200)
  @ApiOperation({ operationId: 'dismissTaskPanelJobs', summary: "Hides jobs from the task manager in every tab of the signed-in user (stored per user; the user's streams get panel.dismissed)" })
  @ApiOkResponse({ type: DismissResultDto })
  @ApiProblems(400, 401)
  async dismiss(@Body() body: DismissRequest, @CurrentScope() scope: AccessScope): Promise<{ dismissed: number }> {
    if (!scope.actor) return { dismissed: 0 };
    return { dismissed: await this.panel.dismiss(scope, scope.actor, body.job_ids) };
  }
}
