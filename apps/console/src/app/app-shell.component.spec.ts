import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { provideRouter } from '@angular/router';
import { AuthState, EVENT_SOURCE_FACTORY, FULL_PAGE_LOAD, provideSignedInJobsStream } from '@atelier/console/data-access';
import { FakeEventSource, makeUser } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import { AppShell } from './app-shell.component';
import { provideShellIcons } from './shell-icons';
import { ThemePreference } from './theme/theme-preference';

describe('AppShell', () => {
  let fixture: ComponentFixture<AppShell>;
  let loaded: string[];

  beforeEach(() => {
    loaded = [];
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideConsoleIcons(),
        provideShellIcons(),
        provideSignedInJobsStream(),
        { provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource },
        { provide: FULL_PAGE_LOAD, useValue: (url: string) => loaded.push(url) },
      ],
    });
    fixture = TestBed.createComponent(AppShell);
  });

  afterEach(() => vi.unstubAllGlobals());

  const el = () => fixture.nativeElement as HTMLElement;

  it('shows only the brand and the page while nobody is signed in, and opens no job stream', async () => {
    await fixture.whenStable();
    expect(el().querySelector('nav')).toBeNull();
    expect(el().querySelector('atl-user-menu')).toBeNull();
    expect(el().querySelector('atl-task-manager')).toBeNull();
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('shows the navigation, the user menu and the task manager once signed in, with the job stream open', async () => {
    TestBed.inject(AuthState).signedInAs(makeUser({ name: 'Ada', role: 'member' }));
    await fixture.whenStable();
    expect([...el().querySelectorAll('nav a')].map((a) => a.textContent?.trim())).toEqual(['Analyzers', 'Presets', 'Jobs']);
    expect(el().querySelector('[data-testid="user-menu"]')?.getAttribute('aria-label')).toBe('Account: Ada, Member');
    expect(el().querySelector('atl-task-manager')).not.toBeNull();
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it("adds the operator's pages for operators and admins", async () => {
    const auth = TestBed.inject(AuthState);
    auth.signedInAs(makeUser({ role: 'operator' }));
    await fixture.whenStable();
    const operatorPages = ['Analyzers', 'Presets', 'Jobs', 'Dashboard', 'Queues', 'Workers'];
    expect([...el().querySelectorAll('nav a')].map((a) => a.textContent?.trim())).toEqual(operatorPages);
    expect([...el().querySelectorAll('nav a')].slice(3).map((a) => a.getAttribute('href'))).toEqual(['/dashboard', '/queues', '/workers']);
    auth.signedInAs(makeUser({ role: 'admin' }));
    await fixture.whenStable();
    expect([...el().querySelectorAll('nav a')].map((a) => a.textContent?.trim())).toEqual(operatorPages);
  });

  it('offers the theme menu signed in and signed out, and marks the choice', async () => {
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const menu = await loader.getHarness(MatMenuHarness.with({ selector: '[data-testid="theme-toggle"]' }));
    expect(await (await menu.host()).getAttribute('aria-label')).toBe('Theme: System');
    await menu.open();
    const items = await menu.getItems();
    expect(await Promise.all(items.map((i) => i.getText()))).toEqual(['System', 'Light', 'Dark']);
    expect(await Promise.all(items.map(async (i) => (await i.host()).getAttribute('aria-checked')))).toEqual(['true', 'false', 'false']);
    await menu.clickItem({ text: 'Dark' });
    expect(document.documentElement.classList.contains('atl-theme-dark')).toBe(true);
    expect(await (await menu.host()).getAttribute('aria-label')).toBe('Theme: Dark');
    TestBed.inject(ThemePreference).choose('system');
    await fixture.whenStable();
    expect(document.documentElement.classList.contains('atl-theme-dark')).toBe(false);
  });

  it('signs out from the user menu and loads the login page afresh', async () => {
    TestBed.inject(AuthState).signedInAs(makeUser({ name: 'Ada' }));
    await fixture.whenStable();
    const menu = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatMenuHarness.with({ selector: '[data-testid="user-menu"]' }));
    await menu.open();
    expect(await Promise.all((await menu.getItems()).map((i) => i.getText()))).toEqual(['Settings', 'Sign out']);
    await menu.clickItem({ text: 'Sign out' });
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    expect(loaded).toEqual(['/login']);
    http.verify();
  });
});
