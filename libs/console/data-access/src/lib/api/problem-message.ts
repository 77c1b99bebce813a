import { HttpErrorResponse } from '@angular/common/http';
import type { Problem, ProblemFieldError } from '@atelier/contracts';

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'title' in body && 'status' in body;
}

/**
 * A sentence a person can act on, from a failed request (RFC 9457 body when there is one).
 * `shownElsewhere`: fields whose errors the form shows on the field itself, left out here.
 */
export function problemMessage(error: unknown, shownElsewhere: readonly string[] = []): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return 'Cannot reach the Atelier server. Check your connection and try again.';
    const body: unknown = error.error;
    if (isProblem(body)) {
      const fields = body.errors?.filter((e) => !shownElsewhere.includes(e.field)).map((e) => e.message).join(' ') ?? '';
      return [body.detail || body.title, fields].filter(Boolean).join(' ');
    }
    return `${error.status} ${error.statusText || 'Request failed'}`;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** The field errors of a failed request's problem body (`errors`), e.g. to show each on its input. */
export function problemFieldErrors(error: unknown): ProblemFieldError[] {
  if (!(error instanceof HttpErrorResponse)) return [];
  const body: unknown = error.error;
  return isProblem(body) ? (body.errors ?? []) : [];
}
