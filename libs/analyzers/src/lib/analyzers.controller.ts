import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AnalyzeSyncResponse, AnalyzerList, AsyncAcceptedResponse, ComprehensiveSyncResponse, Job } from '@atelier/contracts';
import { ApiProblems, AppConfig, CreatesJobs, CurrentScope, type AccessScope } from '@atelier/platform';
import { CallbackUrls, Idempotent } from '@atelier/integrations';
import { AnalyzerRegistry } from './definitions/analyzer-registry';
import { AnalysisRequestsService } from './requests/analysis-requests.service';
import type { UploadedImageFile } from './images/image-inspector';
import { ANALYZE_FORM_SCHEMA, AnalyzeForm, AnalyzeQuery, COMPREHENSIVE_FORM_SCHEMA, ComprehensiveForm } from './dto/analyze.request';
import { AnalyzeSyncResponseDto, AnalyzerListDto, AsyncAcceptedDto, ComprehensiveSyncResponseDto } from './dto/analyzer-responses.dto';

/** Answers 202 with the job and its Location, as every async_mode request does. */
export function accepted(res: Response, job: Job): AsyncAcceptedResponse {
  res.status(202).location(`/api/jobs/${job.job_id}`);
  return { job_id: job.job_id, status: 'queued', job };
}

@ApiTags('analyzers')
@ApiExtraModels(AsyncAcceptedDto)
@Controller('analyzers')
export class AnalyzersController {
  // Built here rather than injected: the worker process loads this module without the integrations module.
  private readonly callbacks: CallbackUrls;

  constructor(
    private readonly registry: AnalyzerRegistry,
    private readonly requests: AnalysisRequestsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.callbacks = new CallbackUrls(config);
  }

  @Get()
  @ApiOperation({ operationId: 'listAnalyzers', summary: 'The analyzers, plus "comprehensive"' })
  @ApiOkResponse({ type: AnalyzerListDto })
  list(): AnalyzerList {
    const { maxUploadBytes, maxImagePixels } = this.config.values;
    return { analyzers: this.registry.infos(), limits: { max_upload_bytes: maxUploadBytes, max_pixels: maxImagePixels } };
  }

  // Declared before ':name/analyze' so that it matches first.
  @Post('comprehensive/analyze')
  @CreatesJobs()
  @Idempotent()
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('image'))
  @ApiOperation({ operationId: 'analyzeComprehensive', summary: 'Run several analyzers on one image: one comprehensive_analyze parent job, one analyze child per analyzer' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: COMPREHENSIVE_FORM_SCHEMA })
  @ApiOkResponse({ type: ComprehensiveSyncResponseDto, description: 'async_mode=false: every selected analysis completed' })
  @ApiAcceptedResponse({ type: AsyncAcceptedDto, description: 'async_mode=true: the parent job, queued; Location: /api/jobs/{job_id}' })
  @ApiProblems(400, 401, 409, 413, 415, 429, 500, 502, 504)
  async comprehensive(
    @UploadedFile() file: UploadedImageFile | undefined,
    @Body() form: ComprehensiveForm,
    @Query() query: AnalyzeQuery,
    @Res({ passthrough: true }) res: Response,
    @CurrentScope() scope: AccessScope,
  ): Promise<ComprehensiveSyncResponse | AsyncAcceptedResponse> {
    const callbackUrl = await this.callbacks.validate(form.callback_url);
    const job = await this.requests.comprehensive(scope, file, form.analyzers, form.preset_name, form.priority, callbackUrl);
    return query.async_mode ? accepted(res, job) : this.requests.awaitComprehensive(job);
  }

  @Post(':name/analyze')
  @CreatesJobs()
  @Idempotent()
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('image'))
  @ApiOperation({ operationId: 'analyzeImage', summary: 'Analyse one image with one analyzer (waits for the result unless async_mode=true)' })
  @ApiParam({ name: 'name', description: 'Analyzer name, see GET /api/analyzers', example: 'hair-color' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: ANALYZE_FORM_SCHEMA })
  @ApiOkResponse({ type: AnalyzeSyncResponseDto, description: 'async_mode=false: the analysis completed' })
  @ApiAcceptedResponse({ type: AsyncAcceptedDto, description: 'async_mode=true: the job, queued; Location: /api/jobs/{job_id}' })
  @ApiProblems(400, 401, 404, 409, 413, 415, 429, 500, 502, 504)
  async analyze(
    @Param('name') name: string,
    @UploadedFile() file: UploadedImageFile | undefined,
    @Body() form: AnalyzeForm,
    @Query() query: AnalyzeQuery,
    @Res({ passthrough: true }) res: Response,
    @CurrentScope() scope: AccessScope,
  ): Promise<AnalyzeSyncResponse | AsyncAcceptedResponse> {
    const callbackUrl = await this.callbacks.validate(form.callback_url);
    const job = await this.requests.analyze(scope, name, file, form.preset_name, form.priority, callbackUrl);
    return query.async_mode ? accepted(res, job) : this.requests.awaitAnalysis(job);
  }
}
