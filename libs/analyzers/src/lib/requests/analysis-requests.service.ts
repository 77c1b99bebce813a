import { Inject, Injectable, Logger } from '@nestjs/common';
import { isFinished, type AnalyzeSyncResponse, type ComprehensiveSyncResponse, type Job, type Preset } from '@atelier/contracts';
import { AppConfig, ConflictError, type AccessScope } from '@atelier/platform';
import { JobsService, type CreateJobSpec } from '@atelier/jobs';
import { CALLBACK_METADATA_KEY } from '@atelier/integrations';
import { PresetsRepository } from '@atelier/presets';
import { AnalyzerRegistry } from '../definitions/analyzer-registry';
import { ImagesService } from '../images/images.service';
import type { UploadedImageFile } from '../images/image-inspector';
import { failureOf, stillRunning } from './job-failure';
import { JobQuota } from './job-quota';
import { analyzeJobSpec, comprehensiveJobSpec } from './analysis-job-specs';

/**
 * Turns analysis requests into jobs: validates everything (analyzer names, the upload) before
 * storing or creating anything, then creates the job(s), and for waiting requests turns the
 * finished job into the answer.
 */
@Injectable()
export class AnalysisRequestsService {
  private readonly logger = new Logger('Analyses');
  /** JOB_QUOTA_PER_USER, one per process: every request that creates a user's jobs (batches too) is admitted by it. */
  readonly quota: JobQuota;

  constructor(
    private readonly analyzers: AnalyzerRegistry,
    private readonly images: ImagesService,
    private readonly jobs: JobsService,
    private readonly presets: PresetsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.quota = new JobQuota(jobs, () => config.values.jobQuotaPerUser);
  }

  /** `priority`: −10…10 (validated by the form), higher runs first; default 0. `callbackUrl`: checked by CallbackUrls. */
  async analyze(
    scope: AccessScope,
    name: string,
    file: UploadedImageFile | undefined,
    presetName?: string,
    priority?: number,
    callbackUrl?: string,
  ): Promise<Job<'analyze'>> {
    const analyzer = this.analyzers.get(name);
    return this.quota.admitting(scope, 1, async (admitted) => {
      const imageId = await this.acceptImage(scope, file, admitted);
      return this.jobs.create(withCallback(analyzeJobSpec(analyzer, { owner: scope.actor, imageId, fileName: file?.originalname, presetName, priority }), callbackUrl));
    });
  }

  /** The children inherit the parent's `priority`. */
  async comprehensive(
    scope: AccessScope,
    file: UploadedImageFile | undefined,
    analyzerList?: string,
    presetName?: string,
    priority?: number,
    callbackUrl?: string,
  ): Promise<Job<'comprehensive_analyze'>> {
    const selected = this.analyzers.select(analyzerList);
    return this.quota.admitting(scope, selected.length + 1, async (admitted) => {
      const imageId = await this.acceptImage(scope, file, admitted);
      return this.jobs.create(withCallback(comprehensiveJobSpec(selected, { owner: scope.actor, imageId, fileName: file?.originalname, presetName, priority }), callbackUrl));
    });
  }

  /** Waits (on the event bus) for an analysis; answers its result, or the error a client can act on. */
  async awaitAnalysis(job: Job<'analyze'>): Promise<AnalyzeSyncResponse> {
    const ended = (await this.waitForEnd(job)) as Job<'analyze'>;
    const result = ended.result!;
    return { analyzer: result.analyzer, result: result.data, preset: await this.preset(result.preset_id), job_id: ended.job_id };
  }

  async awaitComprehensive(job: Job<'comprehensive_analyze'>): Promise<ComprehensiveSyncResponse> {
    const ended = await this.waitForEnd(job);
    const children = await Promise.all(ended.child_ids.map((id) => this.jobs.get(id) as Promise<Job<'analyze'>>));
    const results: ComprehensiveSyncResponse['results'] = {};
    for (const child of children) if (child.result) results[child.result.analyzer] = child.result.data;
    const presetIds = children.flatMap((c) => (c.result ? [c.result.preset_id] : []));
    return { results, presets: await this.presets.getMany(presetIds), job_id: ended.job_id };
  }

  private async waitForEnd(job: Job): Promise<Job> {
    const waitMs = this.config.values.syncWaitTimeoutMs;
    const ended = await this.jobs.waitForEnd(job.job_id, waitMs);
    if (!isFinished(ended.status)) throw stillRunning(ended, waitMs);
    if (ended.status !== 'completed') throw failureOf(ended);
    return ended;
  }

  private async preset(id: string): Promise<Preset> {
    const [preset] = await this.presets.getMany([id]);
    if (!preset) throw new ConflictError(`The analysis completed, but its preset ${id} was deleted before it could be returned.`, 'preset_missing');
    return preset;
  }

  /** Stores a valid upload once `admitted` (the quota) passes, recorded as the requester's; a new image also gets its thumbnail job. */
  async acceptImage(scope: AccessScope, file: UploadedImageFile | undefined, admitted: Promise<void>): Promise<string> {
    const { image, created } = await this.images.accept(file, scope.actor, admitted);
    if (created) {
      await this.jobs
        // A system job (no owner): it serves whoever uploads the image, and never counts against a user's quota.
        .create({ type: 'generate_thumbnail', title: 'Thumbnail', input: { image_id: image.image_id } })
        .catch((err: unknown) => this.logger.warn(`Thumbnail job for ${image.image_id} not created (made on demand instead): ${String(err)}`));
    }
    return image.image_id;
  }
}

/** The job (a comprehensive one: its parent) carries the callback in its metadata, so the two commit together. */
function withCallback<T extends CreateJobSpec>(spec: T, callbackUrl: string | undefined): T {
  return callbackUrl ? { ...spec, metadata: { ...spec.metadata, [CALLBACK_METADATA_KEY]: callbackUrl } } : spec;
}
