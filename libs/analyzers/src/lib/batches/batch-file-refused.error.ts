import { AtelierError } from '@atelier/platform';

/**
 * A file of a batch that fails a check: the same status and code as for a single upload, with the
 * file named by its position and its name, and the promise that nothing was created.
 */
export class BatchFileRefusedError extends AtelierError {
  readonly status: number;
  readonly code: string;
  readonly title: string;

  constructor(index: number, fileName: string, refused: AtelierError) {
    const field = `images[${index}]`;
    super(`${field} ("${fileName}"): ${refused.message} Nothing was created; fix or remove this file and send the batch again.`, {
      cause: refused,
      errors: [{ field, message: `"${fileName}" ${refused.errors?.[0]?.message ?? refused.title.toLowerCase()}` }],
    });
    this.status = refused.status;
    this.code = refused.code;
    this.title = refused.title;
  }
}
