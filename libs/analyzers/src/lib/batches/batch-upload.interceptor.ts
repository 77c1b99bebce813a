import { Inject, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Request, Response } from 'express';
import multer from 'multer';
import { finalize, from, mergeMap, type Observable } from 'rxjs';
import { AppConfig, InvalidInputError, PayloadTooLargeError, uuidv7 } from '@atelier/platform';
import { BatchUploadStorage } from './batch-upload.storage';

export const BATCH_FILE_FIELD = 'images';

/** A folder left by a process that stopped mid-request is removed by the next one after this long. */
const LEFTOVER_AGE_MS = 60 * 60 * 1000;

/**
 * Parses a batch's multipart body into files on disk (DATA_DIR/tmp/batches/<request>), and removes
 * them once the request is answered, whatever the answer. Multer's memory storage, which the
 * single-image routes use, would hold every file of the batch in memory at once.
 */
@Injectable()
export class BatchUploadInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Batches');
  private readonly root: string;
  private leftoversSwept = false;

  // Only global providers: the worker process builds the analyzers' controllers too.
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    this.root = join(resolve(config.values.dataDir), 'tmp', 'batches');
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const dir = join(this.root, uuidv7());
    const removeFolder = () => void rm(dir, { recursive: true, force: true }).catch((err: unknown) => this.logger.warn(`Could not remove ${dir}: ${String(err)}`));
    return from(this.parse(req, res, dir).catch((err: unknown) => {
      removeFolder();
      throw clearUploadError(err, this.config.values.batchMaxFiles);
    })).pipe(
      mergeMap(() => next.handle()),
      finalize(removeFolder),
    );
  }

  private parse(req: Request, res: Response, dir: string): Promise<void> {
    this.sweepLeftovers();
    const { batchMaxFiles, maxUploadBytes, batchMaxBytes } = this.config.values;
    const upload = multer({
      storage: new BatchUploadStorage(dir, { maxFileBytes: maxUploadBytes, maxTotalBytes: batchMaxBytes }),
      limits: { files: batchMaxFiles, fields: 10, fieldSize: 64 * 1024 },
    }).array(BATCH_FILE_FIELD, batchMaxFiles);
    return new Promise((done, fail) => upload(req, res, (err?: unknown) => (err ? fail(err) : done())));
  }

  /** Once per process: folders of requests that a stopped process never finished. */
  private sweepLeftovers(): void {
    if (this.leftoversSwept) return;
    this.leftoversSwept = true;
    const sweep = async () => {
      for (const name of await readdir(this.root).catch(() => [])) {
        const path = join(this.root, name);
        const { mtimeMs } = await stat(path);
        if (Date.now() - mtimeMs > LEFTOVER_AGE_MS) await rm(path, { recursive: true, force: true });
      }
    };
    sweep().catch((err: unknown) => this.logger.warn(`Could not sweep leftover batch uploads in ${this.root}: ${String(err)}`));
  }
}

/** Multer's refusals of a batch, in words that say what to change; the others as they are (ProblemFilter maps them). */
function clearUploadError(err: unknown, maxFiles: number): unknown {
  const code = (err as { name?: string; code?: string }).name === 'MulterError' ? (err as { code: string }).code : undefined;
  if (code === 'LIMIT_FILE_COUNT' || (code === 'LIMIT_UNEXPECTED_FILE' && (err as { field?: string }).field === BATCH_FILE_FIELD)) {
    return new PayloadTooLargeError(`A batch holds at most ${maxFiles} images (BATCH_MAX_FILES); send the rest in another batch.`, {
      errors: [{ field: BATCH_FILE_FIELD, message: `at most ${maxFiles} files` }],
    });
  }
  if (code === 'LIMIT_UNEXPECTED_FILE') {
    const field = (err as { field?: string }).field;
    return new InvalidInputError(`Unexpected file field "${field}": send every image in the multipart field "${BATCH_FILE_FIELD}".`, {
      errors: [{ field: field ?? 'file', message: `use the field "${BATCH_FILE_FIELD}"` }],
    });
  }
  return err;
}
