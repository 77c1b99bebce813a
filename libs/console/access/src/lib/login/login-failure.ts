import { HttpErrorResponse } from '@angular/common/http';
import { httpStatus, problemMessage } from '@atelier/console/data-access';
import { formatDuration } from '@atelier/console/ui';

/** What to tell someone whose sign-in failed. */
export function describeLoginFailure(error: unknown, now: number): string {
  const status = httpStatus(error);
  if (status === 401) return 'Wrong email or password.';
  if (status === 429) {
    const wait = error instanceof HttpErrorResponse ? retryAfterMs(error.headers.get('Retry-After'), now) : null;
    return `Too many failed sign-ins. Try again ${wait === null ? 'later' : `in ${formatDuration(Math.max(1000, wait))}`}.`;
  }
  return problemMessage(error);
}

/** Retry-After as milliseconds from now: delay-seconds or an HTTP date (RFC 9110); null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header?.trim()) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
