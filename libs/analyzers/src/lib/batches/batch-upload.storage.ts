import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { PayloadTooLargeError } from '@atelier/platform';

/** One image of a batch as it waits on disk: multer's file plus what the storage worked out while writing it. */
export interface BatchUploadFile {
  fieldname: string;
  originalname: string;
  path: string;
  size: number;
  /** Hex SHA-256 of the bytes (the image id they would get; the idempotency fingerprint). */
  sha256: string;
  /** Position in the request, from 0: how a refused file is named. */
  index: number;
}

export interface BatchUploadLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
}

/**
 * Multer storage for a batch: each file streams to its own file in `dir`, hashed and counted on the
 * way, so 500 images of 20 MB never sit in memory together. A file past MAX_UPLOAD_BYTES, or a
 * request past BATCH_MAX_BYTES, stops the upload at once with a 413 that names the file.
 */
export class BatchUploadStorage implements StorageEngine {
  private next = 0;
  private total = 0;

  constructor(
    private readonly dir: string,
    private readonly limits: BatchUploadLimits,
  ) {}

  _handleFile(_req: Request, file: Express.Multer.File, callback: (error?: unknown, info?: Partial<BatchUploadFile>) => void): void {
    const index = this.next++;
    this.store(file, index).then(
      (info) => callback(null, info),
      (err: unknown) => callback(err),
    );
  }

  _removeFile(_req: Request, _file: Express.Multer.File, callback: (error: Error | null) => void): void {
    // The whole folder goes when the request ends (BatchUploadInterceptor).
    callback(null);
  }

  private async store(file: Express.Multer.File, index: number): Promise<Partial<BatchUploadFile>> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, String(index));
    const hash = createHash('sha256');
    let size = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done: TransformCallback) => {
        size += chunk.length;
        this.total += chunk.length;
        const refused = this.refusal(file, index, size);
        if (refused) return done(refused);
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(file.stream, counter, createWriteStream(path));
    return { path, size, sha256: hash.digest('hex'), index };
  }

  private refusal(file: Express.Multer.File, index: number, size: number): PayloadTooLargeError | undefined {
    const name = `images[${index}] "${file.originalname}"`;
    if (size > this.limits.maxFileBytes) {
      return new PayloadTooLargeError(`${name} is larger than ${this.limits.maxFileBytes} bytes (MAX_UPLOAD_BYTES). Nothing was created; remove or shrink it and send the batch again.`, {
        errors: [{ field: `images[${index}]`, message: `"${file.originalname}" is too large` }],
      });
    }
    if (this.total > this.limits.maxTotalBytes) {
      return new PayloadTooLargeError(
        `The batch is larger than ${this.limits.maxTotalBytes} bytes in all (BATCH_MAX_BYTES), reached at ${name}. Nothing was created; send the images in smaller batches.`,
        { errors: [{ field: 'images', message: 'too many bytes in all' }] },
      );
    }
    return undefined;
  }
}
