import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialogRef } from '@angular/material/dialog';
import { MatSelectHarness } from '@angular/material/select/testing';
import { makeUser } from '@atelier/console/data-access/testing';
import { UserCreateDialog } from './user-create-dialog.component';

describe('UserCreateDialog', () => {
  let fixture: ComponentFixture<UserCreateDialog>;
  let http: HttpTestingController;
  let dialogRef: { close: ReturnType<typeof vi.fn>; disableClose: boolean };

  beforeEach(() => {
    dialogRef = { close: vi.fn(), disableClose: false };
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MatDialogRef, useValue: dialogRef }] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(UserCreateDialog);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  async function submit(fields: Record<string, string>): Promise<void> {
    for (const [id, value] of Object.entries(fields)) {
      const input = el().querySelector<HTMLInputElement>(`[data-testid="user-${id}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('adds a member by default, and closes with the new user', async () => {
    await submit({ email: 'grace@atelier.test', name: ' Grace ', password: 'first password 1' });
    const request = http.expectOne('/api/users');
    expect(request.request.body).toEqual({ email: 'grace@atelier.test', name: 'Grace', role: 'member', password: 'first password 1' });
    const user = makeUser({ email: 'grace@atelier.test' });
    request.flush(user, { status: 201, statusText: 'Created' });
    expect(dialogRef.close).toHaveBeenCalledWith(user);
  });

  it('adds an operator when chosen', async () => {
    await (await TestbedHarnessEnvironment.loader(fixture).getHarness(MatSelectHarness)).clickOptions({ text: 'Operator' });
    await submit({ email: 'op@atelier.test', password: 'first password 1' });
    expect(http.expectOne('/api/users').request.body).toEqual({ email: 'op@atelier.test', role: 'operator', password: 'first password 1' });
  });

  it('checks the email and the password length before sending', async () => {
    await submit({ email: 'not-an-email', password: 'short' });
    http.expectNone('/api/users');
    expect(el().textContent).toContain('This is not an email address.');
    expect(el().textContent).toContain('At least 12 characters.');
  });

  it('stays open with the reason when the server refuses', async () => {
    await submit({ email: 'ada@atelier.test', password: 'first password 1' });
    http
      .expectOne('/api/users')
      .flush({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'A user with this email already exists.', instance: '/api/users' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="dialog-error"]')?.textContent?.trim()).toBe('A user with this email already exists.');
    expect(dialogRef.close).not.toHaveBeenCalled();
    expect(dialogRef.disableClose).toBe(false);
  });
});
