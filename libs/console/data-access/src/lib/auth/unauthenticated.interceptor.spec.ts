import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Location } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { makeUser } from '../../testing/user.factory';
import { AuthState } from './auth-state';
import { FULL_PAGE_LOAD } from './full-page-load';
import { unauthenticatedInterceptor } from './unauthenticated.interceptor';

describe('unauthenticatedInterceptor', () => {
  let client: HttpClient;
  let http: HttpTestingController;
  let loaded: string[];

  beforeEach(() => {
    loaded = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([unauthenticatedInterceptor])),
        provideHttpClientTesting(),
        { provide: FULL_PAGE_LOAD, useValue: (url: string) => loaded.push(url) },
        { provide: Location, useValue: { path: () => '/presets/p1' } },
      ],
    });
    client = TestBed.inject(HttpClient);
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthState).signedInAs(makeUser());
  });

  afterEach(() => http.verify());

  const unauthorized = { status: 401, statusText: 'Unauthorized' };

  it('sends a 401 from an API route to login, coming back to the page shown, and still reports the error to the caller', () => {
    let status = 0;
    client.get('/api/presets/p1').subscribe({ error: (e: { status: number }) => (status = e.status) });
    http.expectOne('/api/presets/p1').flush({ code: 'unauthenticated' }, unauthorized);
    expect(loaded).toEqual(['/login?return_to=%2Fpresets%2Fp1']);
    expect(status).toBe(401);
    expect(TestBed.inject(AuthState).signedIn()).toBe(false);
  });

  it('leaves the sign-in routes alone: their 401 means wrong credentials', () => {
    client.post('/api/auth/login', {}).subscribe({ error: () => undefined });
    http.expectOne('/api/auth/login').flush({ code: 'unauthenticated' }, unauthorized);
    client.get('/api/auth/me').subscribe({ error: () => undefined });
    http.expectOne('/api/auth/me').flush({ code: 'unauthenticated' }, unauthorized);
    expect(loaded).toEqual([]);
  });

  it('leaves other statuses and other servers alone', () => {
    client.get('/api/users').subscribe({ error: () => undefined });
    http.expectOne('/api/users').flush({ code: 'forbidden' }, { status: 403, statusText: 'Forbidden' });
    client.get('https://elsewhere.example/api/x').subscribe({ error: () => undefined });
    http.expectOne('https://elsewhere.example/api/x').flush(null, unauthorized);
    expect(loaded).toEqual([]);
  });
});
