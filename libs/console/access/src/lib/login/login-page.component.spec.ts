import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { SetupStatus } from '@atelier/contracts';
import { AuthState, FULL_PAGE_LOAD } from '@atelier/console/data-access';
import { makeUser } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import { LoginPage } from './login-page.component';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let http: HttpTestingController;
  let navigated: string[];
  let loaded: string[];

  beforeEach(() => {
    navigated = [];
    loaded = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideConsoleIcons(),
        { provide: FULL_PAGE_LOAD, useValue: (url: string) => loaded.push(url) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockImplementation((url) => {
      navigated.push(String(url));
      return Promise.resolve(true);
    });
    fixture = TestBed.createComponent(LoginPage);
    fixture.componentRef.setInput('return_to', '/jobs?status=failed');
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) => el().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  async function render(status: SetupStatus): Promise<void> {
    fixture.detectChanges();
    http.expectOne('/api/auth/setup').flush(status);
    await fixture.whenStable();
  }
  async function fillAndSubmit(email: string, password: string): Promise<void> {
    for (const [id, value] of [['login-email', email], ['login-password', password]]) {
      const input = byTestId(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('signs in and goes back to the page the user came from', async () => {
    await render({ needed: false, sso: false });
    await fillAndSubmit(' ada@atelier.test ', 'correct horse battery');
    const request = http.expectOne('/api/auth/login');
    expect(request.request.body).toEqual({ email: 'ada@atelier.test', password: 'correct horse battery' });
    const user = makeUser({ email: 'ada@atelier.test' });
    request.flush({ user });
    expect(TestBed.inject(AuthState).user()).toEqual(user);
    expect(navigated).toEqual(['/jobs?status=failed']);
  });

  it('says plainly that the email or password is wrong, and lets the user try again', async () => {
    await render({ needed: false, sso: false });
    await fillAndSubmit('ada@atelier.test', 'wrong');
    http.expectOne('/api/auth/login').flush({ code: 'unauthenticated' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(byTestId('login-error')?.textContent?.trim()).toBe('Wrong email or password.');
    expect((byTestId('login-submit') as HTMLButtonElement).disabled).toBe(false);
    expect(navigated).toEqual([]);
  });

  it('sends nothing while a field is empty', async () => {
    await render({ needed: false, sso: false });
    await fillAndSubmit('ada@atelier.test', '');
    http.expectNone('/api/auth/login');
    expect(el().textContent).toContain('Enter your password.');
  });

  it('offers SSO only when the server does, and starts it on the server, coming back to the same page', async () => {
    await render({ needed: false, sso: false });
    expect(byTestId('login-sso')).toBeNull();

    fixture = TestBed.createComponent(LoginPage);
    fixture.componentRef.setInput('return_to', '/jobs?status=failed');
    await render({ needed: false, sso: true });
    byTestId('login-sso')!.click();
    expect(loaded).toEqual(['/api/auth/oidc/login?return_to=%2Fjobs%3Fstatus%3Dfailed']);
  });

  it('says in words why an SSO sign-in failed, from the code the server sent back', async () => {
    fixture.componentRef.setInput('error', 'sso_expired');
    await render({ needed: false, sso: true });
    expect(byTestId('sso-error')?.textContent?.trim()).toBe('This sign-in expired, or was started in another browser. Start it again.');

    fixture.componentRef.setInput('error', 'something_new');
    await fixture.whenStable();
    expect(byTestId('sso-error')?.textContent?.trim()).toBe('Signing in with SSO failed. Try again, or sign in with a password.');
  });

  it('goes to the setup page while no admin exists', async () => {
    await render({ needed: true, sso: false });
    expect(navigated).toEqual(['/setup']);
  });
});
