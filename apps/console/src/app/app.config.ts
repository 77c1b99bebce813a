import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
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
    provideHttpClient(withFetch(), withInterceptors([unauthenticatedInterceptor])),
    provideSignedInJobsStream(),
    provideConsoleIcons(),
    provideShellIcons(),
    { provide: MAT_SNACK_BAR_DEFAULT_OPTIONS, useValue: { duration: 5000, horizontalPosition: 'start', verticalPosition: 'bottom' } },
  ],
};
