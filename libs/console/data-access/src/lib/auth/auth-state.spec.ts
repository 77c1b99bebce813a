import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Location } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import type { User } from '@atelier/contracts';
import { makeUser } from '../../testing/user.factory';
import { AuthState } from './auth-state';
import { FULL_PAGE_LOAD } from './full-page-load';

describe('AuthState', () => {
  let auth: AuthState;
  let http: HttpTestingController;
  let loaded: string[];
  let currentPath: string;

  beforeEach(() => {
    loaded = [];
    currentPath = '/jobs?status=failed';
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: FULL_PAGE_LOAD, useValue: (url: string) => loaded.push(url) },
        { provide: Location, useValue: { path: () => currentPath } },
      ],
    });
    auth = TestBed.inject(AuthState);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('asks the server who is signed in once, even for callers that ask together, then answers from memory', () => {
    const answers: (User | null)[] = [];
    auth.session().subscribe((u) => answers.push(u));
    auth.session().subscribe((u) => answers.push(u));
    const admin = makeUser({ role: 'admin' });
    http.expectOne('/api/auth/me').flush(admin);
    auth.session().subscribe((u) => answers.push(u));
    expect(answers).toEqual([admin, admin, admin]);
    expect(auth.user()).toEqual(admin);
    expect(auth.signedIn()).toBe(true);
    expect(auth.isAdmin()).toBe(true);
  });

  it('knows nobody is signed in from a 401, and asks again after another failure', () => {
    let error: unknown = null;
    auth.session().subscribe({ error: (e: unknown) => (error = e) });
    http.expectOne('/api/auth/me').flush(null, { status: 0, statusText: 'Unknown Error' });
    expect(error).not.toBeNull();
    expect(auth.signedIn()).toBe(false);

    const answers: (User | null)[] = [];
    auth.session().subscribe((u) => answers.push(u));
    http.expectOne('/api/auth/me').flush({ code: 'unauthenticated' }, { status: 401, statusText: 'Unauthorized' });
    auth.session().subscribe((u) => answers.push(u));
    expect(answers).toEqual([null, null]);
    expect(auth.user()).toBeNull();
  });

  it('takes the user of a login answer as the session', () => {
    const member = makeUser();
    auth.signedInAs(member);
    expect(auth.user()).toEqual(member);
    expect(auth.isAdmin()).toBe(false);
  });

  it('signs out on the server, then loads the login page afresh', () => {
    auth.signedInAs(makeUser());
    let done = false;
    auth.signOut().subscribe(() => (done = true));
    const request = http.expectOne('/api/auth/logout');
    expect(request.request.method).toBe('POST');
    request.flush(null, { status: 204, statusText: 'No Content' });
    expect(done).toBe(true);
    expect(auth.signedIn()).toBe(false);
    expect(loaded).toEqual(['/login']);
  });

  it('counts a session that had already ended as signed out, but stays when the server refuses', () => {
    auth.signedInAs(makeUser());
    let error: unknown = null;
    auth.signOut().subscribe({ error: (e: unknown) => (error = e) });
    http.expectOne('/api/auth/logout').flush({ title: 'Down' }, { status: 503, statusText: 'Service Unavailable' });
    expect(error).not.toBeNull();
    expect(auth.signedIn()).toBe(true);
    expect(loaded).toEqual([]);

    auth.signOut().subscribe();
    http.expectOne('/api/auth/logout').flush({ code: 'unauthenticated' }, { status: 401, statusText: 'Unauthorized' });
    expect(loaded).toEqual(['/login']);
  });

  it('sends an ended session to login with the page shown now, once however many requests say so', () => {
    auth.signedInAs(makeUser());
    auth.sessionEnded();
    auth.sessionEnded();
    expect(loaded).toEqual(['/login?return_to=%2Fjobs%3Fstatus%3Dfailed']);
    expect(auth.signedIn()).toBe(false);
  });

  it('verifies the session: a 401 ends it, a new answer refreshes the user, a lost network changes nothing', () => {
    const member = makeUser();
    auth.signedInAs(member);
    auth.verify();
    const promoted = { ...member, role: 'operator' as const };
    http.expectOne('/api/auth/me').flush(promoted);
    expect(auth.user()).toEqual(promoted);

    auth.verify();
    http.expectOne('/api/auth/me').flush(null, { status: 0, statusText: 'Unknown Error' });
    expect(auth.signedIn()).toBe(true);

    currentPath = '/presets';
    auth.verify();
    http.expectOne('/api/auth/me').flush({ code: 'unauthenticated' }, { status: 401, statusText: 'Unauthorized' });
    expect(loaded).toEqual(['/login?return_to=%2Fpresets']);
  });
});
