import { HttpErrorResponse } from '@angular/common/http';

/** The HTTP status of a failed request (0: the server could not be reached), or null for any other error. */
export function httpStatus(error: unknown): number | null {
  return error instanceof HttpErrorResponse ? error.status : null;
}
