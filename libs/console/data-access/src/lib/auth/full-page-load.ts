import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/**
 * Loads a URL as a new page: leaves the app and everything it holds in memory (used when a session
 * ends, and to start SSO on the server). Replaced in tests.
 */
export const FULL_PAGE_LOAD = new InjectionToken<(url: string) => void>('FULL_PAGE_LOAD', {
  providedIn: 'root',
  factory: () => {
    const location = inject(DOCUMENT).location;
    return (url: string) => location.assign(url);
  },
});
