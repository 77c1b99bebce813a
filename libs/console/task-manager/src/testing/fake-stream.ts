import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { EVENT_SOURCE_FACTORY, JobsStream } from '@atelier/console/data-access';
import { FakeEventSource } from '@atelier/console/data-access/testing';

/**
 * A TestBed whose job stream runs over a FakeEventSource and whose HTTP goes to the testing
 * backend; connects the stream and answers its first source (not yet open). Call in beforeEach,
 * after `vi.useFakeTimers` when the test needs them.
 */
export function connectFakeStream(): FakeEventSource {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource },
    ],
  });
  TestBed.inject(JobsStream).connect();
  return FakeEventSource.instances[0];
}
