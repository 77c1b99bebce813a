import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { EVENT_SOURCE_FACTORY } from '@atelier/console/data-access';
import { FakeEventSource } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';

/**
 * What the operator's pages need in a spec: HTTP answered by the test, a router, the icons, a job
 * stream over FakeEventSource, and a phone-sized screen or not.
 */
export function provideOperationsTesting(options: { phone?: boolean } = {}): (Provider | EnvironmentProviders)[] {
  FakeEventSource.instances = [];
  return [
    provideHttpClient(),
    provideHttpClientTesting(),
    provideRouter([]),
    provideConsoleIcons(),
    { provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource },
    { provide: BreakpointObserver, useValue: { observe: () => of({ matches: !!options.phone, breakpoints: {} }) } },
  ];
}
