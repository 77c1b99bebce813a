import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { Role } from '@atelier/contracts';
import { makeApiKey } from '@atelier/console/data-access/testing';
import { ApiKeyCreateDialog } from './api-key-create-dialog.component';

const NOW = Date.parse('2025-03-01T10:00:00.000Z');

describe('ApiKeyCreateDialog', () => {
  let fixture: ComponentFixture<ApiKeyCreateDialog>;
  let http: HttpTestingController;
  let dialogRef: { close: ReturnType<typeof vi.fn>; disableClose: boolean };

  function setUp(role: Role): void {
    dialogRef = { close: vi.fn(), disableClose: false };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatDialogRef, useValue: dialogRef },
        { provide: MAT_DIALOG_DATA, useValue: { role } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    vi.spyOn(Date, 'now').mockReturnValue(NOW);
    fixture = TestBed.createComponent(ApiKeyCreateDialog);
    fixture.detectChanges();
  }

  afterEach(() => {
    http.verify();
    vi.restoreAllMocks();
  });

  const el = () => fixture.nativeElement as HTMLElement;
  async function submit(name: string): Promise<void> {
    const input = el().querySelector<HTMLInputElement>('[data-testid="api-key-name"]')!;
    input.value = name;
    input.dispatchEvent(new Event('input'));
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }
  const select = (testId: string) => TestbedHarnessEnvironment.loader(fixture).getHarness(MatSelectHarness.with({ selector: `[data-testid="${testId}"]` }));

  it("offers the creator's role and those below it, never above", async () => {
    setUp('operator');
    const role = await select('api-key-role');
    expect(await role.getValueText()).toBe('Operator');
    await role.open();
    expect(await Promise.all((await role.getOptions()).map((o) => o.getText()))).toEqual(['Member', 'Operator']);
  });

  it('creates the key with its name, role and a 90-day expiry by default, and closes with it', async () => {
    setUp('admin');
    await (await select('api-key-role')).clickOptions({ text: 'Member' });
    await submit('  CI pipeline ');
    const request = http.expectOne('/api/api-keys');
    expect(request.request.body).toEqual({ name: 'CI pipeline', role: 'member', expires_at: '2025-05-30T10:00:00.000Z' });
    const created = { ...makeApiKey({ name: 'CI pipeline' }), key: 'atl_secret' };
    request.flush(created, { status: 201, statusText: 'Created' });
    expect(dialogRef.close).toHaveBeenCalledWith(created);
  });

  it('sends no expiry for a key that never expires', async () => {
    setUp('member');
    await (await select('api-key-expiry')).clickOptions({ text: 'Never' });
    await submit('Forever');
    expect(http.expectOne('/api/api-keys').request.body).toEqual({ name: 'Forever', role: 'member' });
  });

  it('needs a name, and stays open with the reason when the server refuses', async () => {
    setUp('member');
    await submit('   ');
    http.expectNone('/api/api-keys');
    expect(el().textContent).toContain('Name the key.');

    await submit('Twice');
    http
      .expectOne('/api/api-keys')
      .flush({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'You already have a key named “Twice”.', instance: '/api/api-keys' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="dialog-error"]')?.textContent?.trim()).toBe('You already have a key named “Twice”.');
    expect(dialogRef.close).not.toHaveBeenCalled();
  });
});
