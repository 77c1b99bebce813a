import { provideHttpClient, withFetch, withInterceptors, withNoXsrfProtection } from '@angular/common/http';
import { provideBrowserGlobalErrorListeners, provideZonelessChangeDetection, type ApplicationConfig } from '@angular/core';
import { MAT_SNACK_BAR_DEFAULT_OPTIONS } from '@angular/material/snack-bar';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideSignedInJobsStream, unauthenticatedInterceptor } from '@atelier/console/data-access';
import { provideConsoleIcons } from '@atelier/console/ui';
import { appRoutes } from './app.routes';
import { provideShellIcons } from './shell-icons';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    // The server refuses cross-site writes by their Origin (see the Access section of docs/api.md); Angular's XSRF
    // interceptor would only read document.cookie on every write, the largest single cost of a task-panel click.
    provideHttpClient(withFetch(), withInterceptors([unauthenticatedInterceptor]), withNoXsrfProtection()),
    provideSignedInJobsStream(),
    provideConsoleIcons(),
    provideShellIcons(),
    { provide: MAT_SNACK_BAR_DEFAULT_OPTIONS, useValue: { duration: 5000, horizontalPosition: 'start', verticalPosition: 'bottom' } },
  ],
};
