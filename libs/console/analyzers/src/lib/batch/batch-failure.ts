/** What a refused batch upload means for the person who sent it, and what they can do. */
import { HttpErrorResponse } from '@angular/common/http';
import { problemFieldErrors, problemMessage } from '@atelier/console/data-access';

export function batchFailureMessage(error: unknown): string {
  // A refused file is marked in the list with the server's words: the message need not repeat them.
  const fileFields = problemFieldErrors(error).map((e) => e.field).filter((f) => f.startsWith('images['));
  const said = problemMessage(error, fileFields);
  if (!(error instanceof HttpErrorResponse)) return said;
  // The server's words already say what to do about a file, the size or the quota; only what it cannot know is added.
  if (error.status === 429 && (error.error as { code?: unknown } | null)?.code !== 'quota_exceeded') {
    const wait = Number(error.headers.get('Retry-After'));
    return `${said} ${wait > 0 ? `Try again in ${Math.ceil(wait)} s.` : 'Try again in a moment.'}`;
  }
  return error.status >= 500 ? `${said} Nothing was lost: send the batch again.` : said;
}

