import { InjectionToken } from '@angular/core';

/** Where the REST API and the event stream live; the console is served by the API at `/`. */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', { providedIn: 'root', factory: () => '/api' });
