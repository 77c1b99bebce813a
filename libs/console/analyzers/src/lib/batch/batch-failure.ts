/** What a refused batch upload means for the person who sent it, and what they can do. */
import { HttpErrorResponse } from '@angular/common/http';
import { problemFieldErrors, problemMessage } from '@atelier/console/data-access';

export function batchFailureMessage(error: unknown): string {
  const said = problemMessage(error);
  if (!(error instanceof HttpErrorResponse)) return said;
  const code = (error.error as { code?: unknown } | null)?.code;
  switch (error.status) {
    case 413:
      return `${said} Remove some images, or send them as two batches.`;
    case 429: {
      if (code === 'quota_exceeded') return `${said} Wait for some of your jobs to finish, or send fewer images.`;
      const wait = Number(error.headers.get('Retry-After'));
      return `${said} ${wait > 0 ? `Try again in ${Math.ceil(wait)} s.` : 'Try again in a moment.'}`;
    }
    case 400:
    case 415:
      return aboutAnImage(error) ? `${said} Remove the image it names and send the batch again: nothing was created.` : said;
    default:
      return error.status >= 500 ? `${said} Nothing was lost: send the batch again.` : said;
  }
}

/** Whether a refusal is about one of the images (a 415, or a field error on `images`), not the other fields. */
function aboutAnImage(error: HttpErrorResponse): boolean {
  return error.status === 415 || problemFieldErrors(error).some((e) => e.field.startsWith('image'));
}
