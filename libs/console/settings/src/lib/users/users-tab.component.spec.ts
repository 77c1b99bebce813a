import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import type { User } from '@atelier/contracts';
import { AuthState } from '@atelier/console/data-access';
import { makeUser } from '@atelier/console/data-access/testing';
import { ConfirmDialog, provideConsoleIcons } from '@atelier/console/ui';
import { FakeDialog } from '../../testing/fake-dialog';
import { PasswordResetDialog } from './password-reset-dialog.component';
import { UserCreateDialog } from './user-create-dialog.component';
import { UsersTab } from './users-tab.component';

describe('UsersTab', () => {
  let fixture: ComponentFixture<UsersTab>;
  let http: HttpTestingController;
  let dialog: FakeDialog;
  let snacks: string[];
  const me = makeUser({ role: 'admin', name: 'Ada', email: 'ada@atelier.test' });
  let grace: User;

  beforeEach(async () => {
    dialog = new FakeDialog();
    snacks = [];
    grace = makeUser({ role: 'member', name: 'Grace', email: 'grace@atelier.test' });
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideConsoleIcons(), { provide: MatDialog, useValue: dialog }],
    });
    http = TestBed.inject(HttpTestingController);
    vi.spyOn(TestBed.inject(MatSnackBar), 'open').mockImplementation((message: string) => {
      snacks.push(message);
      return null as never;
    });
    TestBed.inject(AuthState).signedInAs(me);
    fixture = TestBed.createComponent(UsersTab);
    fixture.detectChanges();
    http.expectOne('/api/users').flush({ users: [me, grace] });
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  const loader = () => TestbedHarnessEnvironment.loader(fixture);
  const roleOf = (email: string) => loader().getHarness(MatSelectHarness.with({ selector: `[aria-label="Role of ${email}"]` }));
  const actionsOf = (email: string) => loader().getHarness(MatMenuHarness.with({ selector: `[aria-label="Actions for ${email}"]` }));
  const statusOf = (user: User) => el().querySelector(`[data-user-id="${user.user_id}"] [data-testid="user-status"]`)?.textContent?.trim();
  async function menuItems(email: string): Promise<string[]> {
    const menu = await actionsOf(email);
    await menu.open();
    const items = await Promise.all((await menu.getItems()).map((i) => i.getText()));
    await menu.close();
    return items;
  }

  it('lists the users; the admin cannot change their own role, disable or delete themselves from here', async () => {
    expect(el().querySelectorAll('[data-testid="user-row"]')).toHaveLength(2);
    expect(await (await roleOf(me.email)).isDisabled()).toBe(true);
    expect(await (await roleOf(grace.email)).getValueText()).toBe('Member');
    expect(await menuItems(me.email)).toEqual(['Activity', 'Reset password']);
    expect(await menuItems(grace.email)).toEqual(['Activity', 'Reset password', 'Disable', 'Delete']);
  });

  it("changes a user's role", async () => {
    await (await roleOf(grace.email)).clickOptions({ text: 'Operator' });
    const request = http.expectOne(`/api/users/${grace.user_id}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ role: 'operator' });
    request.flush({ ...grace, role: 'operator' });
    await fixture.whenStable();
    expect(await (await roleOf(grace.email)).getValueText()).toBe('Operator');
    expect(snacks).toEqual(['Grace is now operator']);
  });

  it("puts the role back and says why when the server refuses the change", async () => {
    await (await roleOf(grace.email)).clickOptions({ text: 'Admin' });
    http
      .expectOne(`/api/users/${grace.user_id}`)
      .flush({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Only admins manage users.', instance: '/api/users' }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(await (await roleOf(grace.email)).getValueText()).toBe('Member');
    expect(snacks).toEqual(['Could not change Grace: Only admins manage users.']);
  });

  it('disables a user after a confirmation, and enables them again without one', async () => {
    dialog.answers.push(true);
    await (await actionsOf(grace.email)).clickItem({ text: 'Disable' });
    expect(dialog.opened[0].component).toBe(ConfirmDialog);
    const disable = http.expectOne(`/api/users/${grace.user_id}`);
    expect(disable.request.body).toEqual({ disabled: true });
    disable.flush({ ...grace, disabled: true });
    await fixture.whenStable();
    expect(statusOf(grace)).toBe('Disabled');

    await (await actionsOf(grace.email)).clickItem({ text: 'Enable' });
    expect(dialog.opened).toHaveLength(1);
    const enable = http.expectOne(`/api/users/${grace.user_id}`);
    expect(enable.request.body).toEqual({ disabled: false });
    enable.flush(grace);
    await fixture.whenStable();
    expect(statusOf(grace)).toBe('Active');
  });

  it('deletes a user after a confirmation, then reloads the list', async () => {
    dialog.answers.push(false);
    await (await actionsOf(grace.email)).clickItem({ text: 'Delete' });
    http.expectNone(`/api/users/${grace.user_id}`);

    dialog.answers.push(true);
    await (await actionsOf(grace.email)).clickItem({ text: 'Delete' });
    const remove = http.expectOne(`/api/users/${grace.user_id}`);
    expect(remove.request.method).toBe('DELETE');
    remove.flush(null, { status: 204, statusText: 'No Content' });
    TestBed.tick();
    http.expectOne('/api/users').flush({ users: [me] });
    await fixture.whenStable();
    expect(el().querySelectorAll('[data-testid="user-row"]')).toHaveLength(1);
    expect(snacks).toEqual(['grace@atelier.test deleted']);
  });

  it("opens the password dialog for the user, and the new-user dialog, reloading after a user is added", async () => {
    await (await actionsOf(grace.email)).clickItem({ text: 'Reset password' });
    expect(dialog.opened[0]).toMatchObject({ component: PasswordResetDialog, config: { data: grace } });

    const added = makeUser({ email: 'new@atelier.test' });
    dialog.answers.push(added);
    el().querySelector<HTMLButtonElement>('[data-testid="user-new"]')!.click();
    expect(dialog.opened[1].component).toBe(UserCreateDialog);
    TestBed.tick();
    http.expectOne('/api/users').flush({ users: [me, grace, added] });
    await fixture.whenStable();
    expect(el().querySelectorAll('[data-testid="user-row"]')).toHaveLength(3);
  });
});
