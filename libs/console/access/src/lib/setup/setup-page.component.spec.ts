import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AuthState } from '@atelier/console/data-access';
import { makeUser } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import { SetupPage } from './setup-page.component';

describe('SetupPage', () => {
  let fixture: ComponentFixture<SetupPage>;
  let http: HttpTestingController;
  let navigated: string[];

  beforeEach(() => {
    navigated = [];
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideConsoleIcons()] });
    http = TestBed.inject(HttpTestingController);
    vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockImplementation((url) => {
      navigated.push(String(url));
      return Promise.resolve(true);
    });
    fixture = TestBed.createComponent(SetupPage);
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) => el().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  async function render(needed: boolean): Promise<void> {
    fixture.detectChanges();
    http.expectOne('/api/auth/setup').flush({ needed, sso: false });
    await fixture.whenStable();
  }
  async function fillAndSubmit(fields: Record<string, string>): Promise<void> {
    for (const [id, value] of Object.entries(fields)) {
      const input = byTestId(`setup-${id}`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('creates the first admin with the token from the log, and goes to the console signed in', async () => {
    await render(true);
    await fillAndSubmit({ token: ' tok-123 ', email: 'root@atelier.test', name: 'Root', password: 'a long enough secret' });
    const request = http.expectOne('/api/auth/setup');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ token: 'tok-123', email: 'root@atelier.test', name: 'Root', password: 'a long enough secret' });
    const admin = makeUser({ role: 'admin', email: 'root@atelier.test' });
    request.flush({ user: admin }, { status: 201, statusText: 'Created' });
    expect(TestBed.inject(AuthState).user()).toEqual(admin);
    expect(navigated).toEqual(['/']);
  });

  it('sends no name when none is given', async () => {
    await render(true);
    await fillAndSubmit({ token: 'tok', email: 'root@atelier.test', password: 'a long enough secret' });
    expect(http.expectOne('/api/auth/setup').request.body).toEqual({ token: 'tok', email: 'root@atelier.test', password: 'a long enough secret' });
  });

  it('asks for a long enough password before sending anything', async () => {
    await render(true);
    await fillAndSubmit({ token: 'tok', email: 'root@atelier.test', password: 'short' });
    http.expectNone('/api/auth/setup');
    expect(el().textContent).toContain('At least 12 characters.');
  });

  it("shows the server's reason when the token is refused", async () => {
    await render(true);
    await fillAndSubmit({ token: 'stale', email: 'root@atelier.test', password: 'a long enough secret' });
    http
      .expectOne('/api/auth/setup')
      .flush(
        { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'The setup token is wrong or was already used.', instance: '/api/auth/setup' },
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();
    expect(byTestId('setup-error')?.textContent?.trim()).toBe('The setup token is wrong or was already used.');
    expect(navigated).toEqual([]);
  });

  it('says so when the instance is already set up, with the way to sign in', async () => {
    await render(false);
    expect(byTestId('setup-done')).not.toBeNull();
    expect(el().querySelector('form')).toBeNull();
    expect(el().querySelector('a[href="/login"]')).not.toBeNull();
  });
});
