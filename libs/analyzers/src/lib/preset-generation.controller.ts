import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AsyncAcceptedResponse } from '@atelier/contracts';
import { ApiProblems, CreatesJobs, CurrentScope, type AccessScope } from '@atelier/platform';
import { Idempotent } from '@atelier/integrations';
import { JobsService } from '@atelier/jobs';
import { PresetsService, presetIdPipe } from '@atelier/presets';
import { GenerateImageBody } from './dto/generate-image.request';
import { AsyncAcceptedDto } from './dto/analyzer-responses.dto';
import { accepted } from './analyzers.controller';

/** POST /api/presets/{preset_id}/generate: a generate_image job that renders an image from a preset. */
@ApiTags('presets')
@Controller('presets')
export class PresetGenerationController {
  constructor(
    private readonly presets: PresetsService,
    private readonly jobs: JobsService,
  ) {}

  @Post(':preset_id/generate')
  @CreatesJobs()
  @Idempotent()
  @HttpCode(202)
  @ApiOperation({ operationId: 'generateImageFromPreset', summary: 'Render an image from a preset (a generate_image job; the result names the new image_id)' })
  @ApiAcceptedResponse({ type: AsyncAcceptedDto, description: 'The job, queued; Location: /api/jobs/{job_id}' })
  @ApiProblems(400, 404)
  async generate(
    @Param('preset_id', presetIdPipe) presetId: string,
    @Body() body: GenerateImageBody,
    @Res({ passthrough: true }) res: Response,
    @CurrentScope() scope: AccessScope,
  ): Promise<AsyncAcceptedResponse> {
    const preset = await this.presets.get(presetId, scope);
    const job = await this.jobs.create({ type: 'generate_image', title: `Image from "${preset.name}"`, owner: scope.actor, input: { preset_id: presetId, prompt: body.prompt } });
    return accepted(res, job);
  }
}
