import { Inject, Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import type { Job } from '@atelier/contracts';
import { AppConfig, AtelierError, InvalidInputError, type AccessScope } from '@atelier/platform';
import { JobsService, type CreateJobSpec } from '@atelier/jobs';
import { CALLBACK_METADATA_KEY } from '@atelier/integrations';
import { AnalyzerRegistry } from '../definitions/analyzer-registry';
import type { AnalyzerDefinition } from '../definitions/analyzer-definition';
import { ImagesService } from '../images/images.service';
import { inspectUpload, type UploadLimits, type UploadedImageFile } from '../images/image-inspector';
import { normaliseImage } from '../images/image-normaliser';
import { AnalysisRequestsService } from '../requests/analysis-requests.service';
import { analyzeJobSpec, comprehensiveJobSpec, type AnalysisSubject } from '../requests/analysis-job-specs';
import { BatchFileRefusedError } from './batch-file-refused.error';
import { BATCH_FILE_FIELD } from './batch-upload.interceptor';
import type { BatchUploadFile } from './batch-upload.storage';

export interface BatchRequest {
  files: BatchUploadFile[];
  analyzers?: string;
  presetName?: string;
  priority?: number;
  /** Checked by CallbackUrls: called with the batch's final event (its children's ends are not sent to it). */
  callbackUrl?: string;
}

/**
 * POST /api/batches: many images, one `batch` parent whose children are one analysis per image
 * (an `analyze` job for one analyzer, a `comprehensive_analyze` with its own children for several).
 * Every file is checked in full, its pixels decoded, before anything is stored or created: one bad
 * file refuses the whole batch, naming it, and leaves no image, job or quota use behind.
 */
@Injectable()
export class BatchesService {
  constructor(
    private readonly analyzers: AnalyzerRegistry,
    private readonly images: ImagesService,
    private readonly jobs: JobsService,
    private readonly requests: AnalysisRequestsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async create(scope: AccessScope, request: BatchRequest): Promise<Job<'batch'>> {
    const selected = this.analyzers.select(request.analyzers);
    const files = [...request.files].sort((a, b) => a.index - b.index);
    if (files.length === 0) {
      throw new InvalidInputError(`A batch needs at least one image: send the files in the multipart field "${BATCH_FILE_FIELD}".`, {
        errors: [{ field: BATCH_FILE_FIELD, message: 'is required' }],
      });
    }
    for (const file of files) await this.check(file);
    const perImage = selected.length === 1 ? 1 : selected.length + 1;
    // The batch's own job is not counted: it runs nothing, it only sums up its children (as the quota's count skips it too).
    return this.requests.quota.admitting(scope, files.length * perImage, async (admitted) => {
      const children: CreateJobSpec[] = [];
      for (const file of files) {
        const imageId = await this.requests.acceptImage(scope, await this.loaded(file), admitted);
        const subject: AnalysisSubject = { owner: scope.actor, imageId, fileName: file.originalname, presetName: presetNameOf(request.presetName, file) };
        children.push(imageJobSpec(selected, subject));
      }
      return this.jobs.create({
        type: 'batch',
        title: 'Batch',
        owner: scope.actor,
        input: { analyzers: selected.map((a) => a.name), images: files.length },
        priority: request.priority,
        metadata: request.callbackUrl ? { [CALLBACK_METADATA_KEY]: request.callbackUrl } : {},
        children,
      });
    });
  }

  /**
   * Everything a single upload is checked for (type, bytes, pixels, a whole container), and the
   * pixels decoded, which a single upload has done when it is stored: here that would come after
   * the batch's first images were stored. Bytes already stored passed all of it before.
   */
  private async check(file: BatchUploadFile): Promise<void> {
    const limits: UploadLimits = { maxBytes: this.config.values.maxUploadBytes, maxPixels: this.config.values.maxImagePixels };
    try {
      const upload = await this.loaded(file);
      if (upload.size > 0 && (await this.images.find(file.sha256))) return;
      const inspected = await inspectUpload(upload, limits);
      await normaliseImage(inspected.original, limits.maxPixels);
    } catch (err) {
      if (err instanceof AtelierError && err.status < 500) throw new BatchFileRefusedError(file.index, file.originalname, err);
      throw err;
    }
  }

  /** One file's bytes, read when needed and let go after: never the whole batch in memory. */
  private async loaded(file: BatchUploadFile): Promise<UploadedImageFile> {
    const buffer = await readFile(file.path);
    return { buffer, size: buffer.length, originalname: file.originalname };
  }
}

function imageJobSpec(selected: AnalyzerDefinition[], subject: AnalysisSubject): CreateJobSpec {
  return selected.length === 1 ? analyzeJobSpec(selected[0], subject) : comprehensiveJobSpec(selected, subject);
}

/** Each image's presets are named after the batch's name and the image's place in it ("Spring · 3"). */
function presetNameOf(batchName: string | undefined, file: BatchUploadFile): string | undefined {
  return batchName ? `${batchName} · ${file.index + 1}` : undefined;
}
