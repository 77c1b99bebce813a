import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AsyncAcceptedResponse } from '@atelier/contracts';
import { ApiProblems, AppConfig, CreatesJobs, CurrentScope, type AccessScope } from '@atelier/platform';
import { CallbackUrls, Idempotent } from '@atelier/integrations';
import { accepted } from '../analyzers.controller';
import { AsyncAcceptedDto } from '../dto/analyzer-responses.dto';
import { BatchesService } from './batches.service';
import { BatchUploadInterceptor } from './batch-upload.interceptor';
import type { BatchUploadFile } from './batch-upload.storage';
import { CREATE_BATCH_FORM_SCHEMA, CreateBatchForm } from './dto/create-batch.request';

@ApiTags('batches')
@Controller('batches')
export class BatchesController {
  // Built here rather than injected: the worker process loads this module without the integrations module.
  private readonly callbacks: CallbackUrls;

  constructor(
    private readonly batches: BatchesService,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.callbacks = new CallbackUrls(config);
  }

  @Post()
  @CreatesJobs()
  @Idempotent()
  @HttpCode(202)
  @UseInterceptors(BatchUploadInterceptor)
  @ApiOperation({
    operationId: 'createBatch',
    summary: 'Analyse many images as one batch job: one child job per image; every file is checked before anything is created',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: CREATE_BATCH_FORM_SCHEMA })
  @ApiAcceptedResponse({ type: AsyncAcceptedDto, description: 'The batch job, queued, with its children; Location: /api/jobs/{job_id}' })
  @ApiProblems(400, 401, 413, 415, 429)
  async create(
    @Req() req: Request,
    @Body() form: CreateBatchForm,
    @Res({ passthrough: true }) res: Response,
    @CurrentScope() scope: AccessScope,
  ): Promise<AsyncAcceptedResponse> {
    const files = (req.files ?? []) as unknown as BatchUploadFile[];
    const callbackUrl = await this.callbacks.validate(form.callback_url);
    const job = await this.batches.create(scope, { files, analyzers: form.analyzers, presetName: form.preset_name, priority: form.priority, callbackUrl });
    return accepted(res, job);
  }
}
