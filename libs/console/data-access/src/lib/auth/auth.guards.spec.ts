import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { makeUser } from '../../testing/user.factory';
import { AuthState } from './auth-state';
import { roleGuard, signedInGuard, signedOutGuard } from './auth.guards';

@Component({ template: '' })
class Blank {}

describe('auth guards', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', canActivate: [signedOutGuard], component: Blank },
          { path: 'setup', component: Blank },
          {
            path: '',
            canActivateChild: [signedInGuard],
            children: [
              { path: 'jobs', component: Blank },
              { path: 'settings', component: Blank },
              { path: 'settings/users', canActivate: [roleGuard('admin', '/settings')], component: Blank },
            ],
          },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  const url = () => TestBed.inject(Router).url;
  const unauthorized = { status: 401, statusText: 'Unauthorized' };
  /** Navigates while answering the requests the guards make, in order. */
  async function navigate(target: string, ...answers: [string, unknown, { status: number; statusText: string }?][]): Promise<void> {
    const navigation = harness.navigateByUrl(target);
    for (const [path, body, options] of answers) {
      await vi.waitFor(() => http.expectOne(path).flush(body as object, options));
    }
    await navigation;
  }

  it('lets a signed-in user in', async () => {
    await navigate('/jobs', ['/api/auth/me', makeUser()]);
    expect(url()).toBe('/jobs');
  });

  it('sends a signed-out visitor to login, remembering the page', async () => {
    await navigate('/jobs?status=failed', ['/api/auth/me', { code: 'unauthenticated' }, unauthorized], ['/api/auth/setup', { needed: false, sso: false }]);
    expect(url()).toBe('/login?return_to=%2Fjobs%3Fstatus%3Dfailed');
  });

  it('sends the first visitor of a fresh instance to the setup page', async () => {
    await navigate('/jobs', ['/api/auth/me', { code: 'unauthenticated' }, unauthorized], ['/api/auth/setup', { needed: true, sso: false }]);
    expect(url()).toBe('/setup');
  });

  it('sends someone already signed in from the login page to where it would have gone', async () => {
    TestBed.inject(AuthState).signedInAs(makeUser());
    await navigate('/login?return_to=%2Fsettings');
    expect(url()).toBe('/settings');
    await navigate('/login?return_to=https%3A%2F%2Fevil.example');
    expect(url()).toBe('/');
  });

  it('keeps a page for admins from the other roles', async () => {
    TestBed.inject(AuthState).signedInAs(makeUser({ role: 'operator' }));
    await navigate('/settings/users');
    expect(url()).toBe('/settings');
  });

  it('opens a page for admins to an admin', async () => {
    TestBed.inject(AuthState).signedInAs(makeUser({ role: 'admin' }));
    await navigate('/settings/users');
    expect(url()).toBe('/settings/users');
  });
});
