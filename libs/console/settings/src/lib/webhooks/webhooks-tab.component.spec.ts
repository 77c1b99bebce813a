import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { makeDelivery, makeWebhook } from '@atelier/console/data-access/testing';
import { ConfirmDialog, provideConsoleIcons } from '@atelier/console/ui';
import { FakeDialog } from '../../testing/fake-dialog';
import { WebhookFormDialog } from './webhook-form-dialog.component';
import { WebhookSecretDialog } from './webhook-secret-dialog.component';
import { WebhooksTab } from './webhooks-tab.component';

describe('WebhooksTab', () => {
  let fixture: ComponentFixture<WebhooksTab>;
  let http: HttpTestingController;
  let dialog: FakeDialog;

  beforeEach(() => {
    dialog = new FakeDialog();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideConsoleIcons(), { provide: MatDialog, useValue: dialog }],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(WebhooksTab);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  const cells = () =>
    [...el().querySelectorAll('[data-testid="webhook-row"]')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()));
  /** Not whenStable: that would wait for the rows' own requests (their last delivery), answered next. */
  async function rowsRendered(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      fixture.detectChanges();
      await new Promise((resolve) => setTimeout(resolve));
    }
  }
  const button = (label: string) => [...el().querySelectorAll('button')].find((b) => b.textContent?.trim() === label || b.getAttribute('aria-label') === label)!;

  it('lists each webhook with its events in words, whether it is paused, and its last delivery', async () => {
    const a = makeWebhook({ url: 'https://a.example.com/h', description: 'Export', events: ['job.completed'] });
    const b = makeWebhook({ url: 'https://b.example.com/h', events: ['job.failed', 'job.cancelled'], enabled: false });
    http.expectOne('/api/webhooks').flush({ webhooks: [a, b], next_cursor: null });
    await rowsRendered();
    http.expectOne(`/api/webhooks/${a.webhook_id}/deliveries?limit=1`).flush({ deliveries: [makeDelivery({ status: 'failed', response_code: 503 })], next_cursor: null });
    http.expectOne(`/api/webhooks/${b.webhook_id}/deliveries?limit=1`).flush({ deliveries: [], next_cursor: null });
    await fixture.whenStable();
    const [first, second] = cells();
    expect(first[0]).toMatch(/^https:\/\/a\.example\.com\/h\s*Export$/);
    expect(first[1]).toBe('Job completed');
    expect(first[3]).toMatch(/^Failed · 503\s*\d/);
    expect(second[0]).toContain('Paused');
    expect(second[1]).toBe('Job failed, Job cancelled');
    expect(second[3]).toBe('None yet');
  });

  it('adds a webhook, then shows its secret once in a dialog a stray click cannot close', async () => {
    http.expectOne('/api/webhooks').flush({ webhooks: [] });
    await fixture.whenStable();
    expect(el().textContent).toContain('No webhooks yet.');
    const created = { ...makeWebhook(), secret: 'whsec_once' };
    dialog.answers.push(created);
    button('New webhook').click();
    TestBed.tick();
    expect(dialog.opened[0]).toMatchObject({ component: WebhookFormDialog, config: { data: null } });
    expect(dialog.opened[1]).toMatchObject({ component: WebhookSecretDialog, config: { data: { webhook: created, rotated: false }, disableClose: true } });
    http.expectOne('/api/webhooks').flush({ webhooks: [created], next_cursor: null });
    await rowsRendered();
    http.expectOne(`/api/webhooks/${created.webhook_id}/deliveries?limit=1`).flush({ deliveries: [], next_cursor: null });
  });

  it('rotates the secret only after a confirmation, and shows the new one once', async () => {
    const hook = makeWebhook({ url: 'https://a.example.com/h' });
    http.expectOne('/api/webhooks').flush({ webhooks: [hook], next_cursor: null });
    await rowsRendered();
    http.expectOne(`/api/webhooks/${hook.webhook_id}/deliveries?limit=1`).flush({ deliveries: [], next_cursor: null });
    await fixture.whenStable();

    dialog.answers.push(false);
    button('Rotate the secret of https://a.example.com/h').click();
    expect(dialog.opened[0].component).toBe(ConfirmDialog);
    http.expectNone(`/api/webhooks/${hook.webhook_id}/rotate-secret`);

    dialog.answers.push(true);
    button('Rotate the secret of https://a.example.com/h').click();
    const rotated = { ...hook, secret: 'whsec_new' };
    http.expectOne(`/api/webhooks/${hook.webhook_id}/rotate-secret`).flush(rotated);
    expect(dialog.opened[2]).toMatchObject({ component: WebhookSecretDialog, config: { data: { webhook: rotated, rotated: true }, disableClose: true } });
  });

  it('deletes a webhook after a confirmation and lists again', async () => {
    const hook = makeWebhook({ url: 'https://a.example.com/h' });
    http.expectOne('/api/webhooks').flush({ webhooks: [hook], next_cursor: null });
    await rowsRendered();
    http.expectOne(`/api/webhooks/${hook.webhook_id}/deliveries?limit=1`).flush({ deliveries: [], next_cursor: null });
    await fixture.whenStable();
    dialog.answers.push(true);
    button('Delete https://a.example.com/h').click();
    const remove = http.expectOne(`/api/webhooks/${hook.webhook_id}`);
    expect(remove.request.method).toBe('DELETE');
    remove.flush(null, { status: 204, statusText: 'No Content' });
    TestBed.tick();
    http.expectOne('/api/webhooks').flush({ webhooks: [] });
  });
});
