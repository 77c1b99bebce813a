import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { User } from '@atelier/contracts';
import { AuthState } from '@atelier/console/data-access';
import { makeApiKey, makeUser } from '@atelier/console/data-access/testing';
import { ConfirmDialog, provideConsoleIcons } from '@atelier/console/ui';
import { FakeDialog } from '../../testing/fake-dialog';
import { ApiKeyCreateDialog } from './api-key-create-dialog.component';
import { ApiKeyCreatedDialog } from './api-key-created-dialog.component';
import { ApiKeysTab } from './api-keys-tab.component';

describe('ApiKeysTab', () => {
  let fixture: ComponentFixture<ApiKeysTab>;
  let http: HttpTestingController;
  let dialog: FakeDialog;

  function setUp(me: User): void {
    dialog = new FakeDialog();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideConsoleIcons(), { provide: MatDialog, useValue: dialog }],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthState).signedInAs(me);
    fixture = TestBed.createComponent(ApiKeysTab);
  }

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  /** The text of each cell, row by row. */
  const rows = () =>
    [...el().querySelectorAll('[data-testid="api-key-row"]')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()));
  const headers = () => [...el().querySelectorAll('th')].map((h) => h.textContent?.trim()).filter(Boolean);
  const button = (label: string) => [...el().querySelectorAll('button')].find((b) => b.textContent?.trim() === label || b.getAttribute('aria-label') === label)!;
  async function settle(): Promise<void> {
    await fixture.whenStable();
  }

  it("lists a member's own keys with prefix, role and expiry, and does not ask who owns them", async () => {
    setUp(makeUser({ role: 'member' }));
    fixture.detectChanges();
    http.expectOne('/api/api-keys').flush({
      api_keys: [
        makeApiKey({ name: 'CI pipeline', prefix: 'atl_ci12', expires_at: null }),
        makeApiKey({ name: 'Old script', prefix: 'atl_old9', expires_at: '2020-01-01T00:00:00.000Z' }),
      ],
    });
    await settle();
    http.expectNone('/api/users');
    expect(headers()).not.toContain('Owner');
    const [live, expired] = rows();
    expect(live.slice(0, 2)).toEqual(['CI pipeline atl_ci12…', 'Member']);
    expect(live.slice(3, 5)).toEqual(['Never', 'Never']);
    expect(expired[3]).toBe('Expired');
  });

  it("shows an admin every key with whose it is", async () => {
    const me = makeUser({ role: 'admin' });
    const grace = makeUser({ name: 'Grace' });
    setUp(me);
    fixture.detectChanges();
    http.expectOne('/api/api-keys').flush({ api_keys: [makeApiKey({ user_id: me.user_id }), makeApiKey({ user_id: grace.user_id })] });
    http.expectOne('/api/users').flush({ users: [me, grace] });
    await settle();
    expect(headers()).toContain('Owner');
    expect([...el().querySelectorAll('[data-testid="api-key-owner"]')].map((c) => c.textContent?.trim())).toEqual(['You', 'Grace']);
  });

  it('creates a key up to the creator\'s role, then shows its secret once, in a dialog that a stray click cannot close', async () => {
    setUp(makeUser({ role: 'operator' }));
    fixture.detectChanges();
    http.expectOne('/api/api-keys').flush({ api_keys: [] });
    await settle();
    expect(el().textContent).toContain('No API keys yet.');

    const created = { ...makeApiKey({ name: 'Bench' }), key: 'atl_secret_value' };
    dialog.answers.push(created);
    button('New API key').click();
    TestBed.tick();
    expect(dialog.opened[0].component).toBe(ApiKeyCreateDialog);
    expect(dialog.opened[0].config.data).toEqual({ role: 'operator' });
    expect(dialog.opened[1].component).toBe(ApiKeyCreatedDialog);
    expect(dialog.opened[1].config).toMatchObject({ data: created, disableClose: true });
    http.expectOne('/api/api-keys').flush({ api_keys: [created] });
    await settle();
    expect(rows()).toHaveLength(1);
  });

  it('revokes a key only after a confirmation', async () => {
    setUp(makeUser());
    const key = makeApiKey({ name: 'CI pipeline' });
    fixture.detectChanges();
    http.expectOne('/api/api-keys').flush({ api_keys: [key] });
    await settle();

    dialog.answers.push(false);
    button('Revoke CI pipeline').click();
    expect(dialog.opened[0].component).toBe(ConfirmDialog);
    http.expectNone(`/api/api-keys/${key.api_key_id}`);

    dialog.answers.push(true);
    button('Revoke CI pipeline').click();
    const revoke = http.expectOne(`/api/api-keys/${key.api_key_id}`);
    expect(revoke.request.method).toBe('DELETE');
    revoke.flush(null, { status: 204, statusText: 'No Content' });
    TestBed.tick();
    http.expectOne('/api/api-keys').flush({ api_keys: [] });
  });
});
