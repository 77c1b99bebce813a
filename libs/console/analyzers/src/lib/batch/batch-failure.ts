/** What a refused batch upload means for the person who sent it, and what they can do. */
import { HttpErrorResponse } from '@angular/common/http';
import { problemFieldErrors, problemMessage } from '@atelier/console/data-access';

export function batchFailureMessage(error: unknown): string {
  // A refused file is marked in the list with the server's words: the message need not repeat them.
  const fileFields = problemFieldErrors(error).map((e) => e.field).filter((f) => f.startsWith('images['));
  const said = problemMessage(error, fileFields);
  if (!(error instanceof HttpErrorResponse)) return said;
  const code = (error.error as { code?: unknown } | null)?.code;
  switch (error.status) {
    case 413:
      return fileFields.length ? said : `${said} Remove some images, or send them as two batches.`;
    case 429: {
      if (code === 'quota_exceeded') return `${said} Wait for some of your jobs to finish, or send fewer images.`;
      const wait = Number(error.headers.get('Retry-After'));
      return `${said} ${wait > 0 ? `Try again in ${Math.ceil(wait)} s.` : 'Try again in a moment.'}`;
    }
    default:
      return error.status >= 500 ? `${said} Nothing was lost: send the batch again.` : said;
  }
}

