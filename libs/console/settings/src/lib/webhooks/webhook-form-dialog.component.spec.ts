import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { Webhook } from '@atelier/contracts';
import { makeWebhook } from '@atelier/console/data-access/testing';
import { WebhookFormDialog } from './webhook-form-dialog.component';

describe('WebhookFormDialog', () => {
  let fixture: ComponentFixture<WebhookFormDialog>;
  let http: HttpTestingController;
  let dialogRef: { close: ReturnType<typeof vi.fn>; disableClose: boolean };

  function setUp(webhook: Webhook | null): void {
    dialogRef = { close: vi.fn(), disableClose: false };
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MatDialogRef, useValue: dialogRef }, { provide: MAT_DIALOG_DATA, useValue: webhook }],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(WebhookFormDialog);
    fixture.detectChanges();
  }

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  function type(testId: string, value: string): void {
    const input = el().querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  function uncheck(event: string): void {
    el().querySelector<HTMLInputElement>(`[data-event="${event}"] input`)!.click();
  }
  async function submit(): Promise<void> {
    el().querySelector('form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('creates a webhook with the URL, the chosen events and the description, and closes with it (and its secret)', async () => {
    setUp(null);
    type('webhook-url', ' https://hooks.example.com/atelier ');
    type('webhook-description', 'Nightly export');
    uncheck('job.cancelled');
    await submit();
    const request = http.expectOne('/api/webhooks');
    expect(request.request.body).toEqual({ url: 'https://hooks.example.com/atelier', events: ['job.completed', 'job.failed'], description: 'Nightly export' });
    const created = { ...makeWebhook(), secret: 'whsec_1' };
    request.flush(created, { status: 201, statusText: 'Created' });
    expect(dialogRef.close).toHaveBeenCalledWith(created);
  });

  it('sends nothing without a URL, with one that is not http(s), or without any event', async () => {
    setUp(null);
    await submit();
    expect(el().textContent).toContain('Enter the URL to call.');
    type('webhook-url', 'ftp://example.com/x');
    await submit();
    expect(el().textContent).toContain('The URL starts with https://');
    type('webhook-url', 'https://example.com/x');
    for (const event of ['job.completed', 'job.failed', 'job.cancelled']) uncheck(event);
    await submit();
    expect(el().textContent).toContain('Choose at least one event.');
    http.expectNone('/api/webhooks');
  });

  it('shows an SSRF refusal (a whole problem, no field list) on the URL field, said once', async () => {
    setUp(null);
    type('webhook-url', 'http://127.0.0.1:9/hook');
    await submit();
    const detail = 'Webhooks are not sent to a loopback address. Use a public address, or set WEBHOOK_ALLOW_PRIVATE_NETWORKS=true on the server to allow private networks.';
    http.expectOne('/api/webhooks').flush(
      { type: 'about:blank', title: 'Bad Request', status: 400, detail, instance: '/api/webhooks', code: 'webhook_target_forbidden' },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="webhook-url-error"]')?.textContent?.trim()).toBe(detail);
    expect(el().querySelector('[data-testid="dialog-error"]')).toBeNull();
  });

  it("shows the server's refusal of the URL on the URL field, in its words, and stays open", async () => {
    setUp(null);
    type('webhook-url', 'http://192.168.1.10/hook');
    await submit();
    http.expectOne('/api/webhooks').flush(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: '192.168.1.10 is a private network address; webhooks call public hosts only.',
        instance: '/api/webhooks',
        errors: [{ field: 'url', message: '192.168.1.10 is a private network address; webhooks call public hosts only.' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="webhook-url-error"]')?.textContent?.trim()).toBe('192.168.1.10 is a private network address; webhooks call public hosts only.');
    // Said on the field, it is not said again above the buttons.
    expect(el().querySelector('[data-testid="dialog-error"]')).toBeNull();
    expect(dialogRef.close).not.toHaveBeenCalled();
  });

  it("edits an existing webhook's events and description, never its URL", async () => {
    const webhook = makeWebhook({ url: 'https://hooks.example.com/a', events: ['job.failed'], description: 'Pager' });
    setUp(webhook);
    expect(el().querySelector<HTMLInputElement>('[data-testid="webhook-url"]')!.disabled).toBe(true);
    el().querySelector<HTMLInputElement>('[data-event="job.completed"] input')!.click();
    type('webhook-description', '');
    await submit();
    const request = http.expectOne(`/api/webhooks/${webhook.webhook_id}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ events: ['job.completed', 'job.failed'], description: '', enabled: true });
    request.flush({ ...webhook, events: ['job.completed', 'job.failed'] });
    expect(dialogRef.close).toHaveBeenCalled();
  });
});
