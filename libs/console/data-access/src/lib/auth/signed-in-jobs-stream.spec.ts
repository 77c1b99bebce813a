import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Location } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { FakeEventSource } from '../../testing/fake-event-source';
import { makeUser } from '../../testing/user.factory';
import { EVENT_SOURCE_FACTORY } from '../stream/event-source-messages';
import { JobsStream } from '../stream/jobs-stream';
import { AuthState } from './auth-state';
import { FULL_PAGE_LOAD } from './full-page-load';
import { provideSignedInJobsStream } from './signed-in-jobs-stream';

describe('provideSignedInJobsStream', () => {
  let loaded: string[];

  beforeEach(() => {
    loaded = [];
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideSignedInJobsStream(),
        { provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource },
        { provide: FULL_PAGE_LOAD, useValue: (url: string) => loaded.push(url) },
        { provide: Location, useValue: { path: () => '/jobs' } },
      ],
    });
  });

  afterEach(() => vi.unstubAllGlobals());

  it('opens the job stream only once someone signs in, and closes it when the session ends', () => {
    const auth = TestBed.inject(AuthState);
    const stream = TestBed.inject(JobsStream);
    TestBed.tick();
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(stream.connection()).toBe('idle');

    auth.signedInAs(makeUser());
    TestBed.tick();
    expect(FakeEventSource.instances.map((s) => s.url)).toEqual(['/api/jobs/stream']);

    auth.sessionEnded();
    TestBed.tick();
    expect(stream.connection()).toBe('idle');
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('checks the session when the stream drops, and goes to login when it has ended', () => {
    const http = TestBed.inject(HttpTestingController);
    const stream = TestBed.inject(JobsStream);
    TestBed.inject(AuthState).signedInAs(makeUser());
    TestBed.tick();
    const source = FakeEventSource.instances[0];
    source.open();
    source.emit('snapshot', '1', { jobs: [] });
    source.interrupt();
    expect(stream.connection()).toBe('reconnecting');
    TestBed.tick();
    http.expectOne('/api/auth/me').flush({ code: 'unauthenticated' }, { status: 401, statusText: 'Unauthorized' });
    expect(loaded).toEqual(['/login?return_to=%2Fjobs']);
    TestBed.tick();
    expect(stream.connection()).toBe('idle');
    http.verify();
  });
});
