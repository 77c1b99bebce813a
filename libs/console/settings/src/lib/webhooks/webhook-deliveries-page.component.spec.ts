import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { makeDelivery, makeWebhook } from '@atelier/console/data-access/testing';
import { provideConsoleIcons } from '@atelier/console/ui';
import { WebhookDeliveriesPage } from './webhook-deliveries-page.component';

describe('WebhookDeliveriesPage', () => {
  let fixture: ComponentFixture<WebhookDeliveriesPage>;
  let http: HttpTestingController;
  const hook = makeWebhook({ url: 'https://a.example.com/h' });

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideConsoleIcons()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(WebhookDeliveriesPage);
    fixture.componentRef.setInput('webhookId', hook.webhook_id);
    fixture.detectChanges();
    http.expectOne(`/api/webhooks/${hook.webhook_id}`).flush(hook);
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  const rows = () => [...el().querySelectorAll('[data-testid="delivery-row"]')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()));
  const deliveriesUrl = `/api/webhooks/${hook.webhook_id}/deliveries`;

  it('tells each delivery: event, job link, status, attempts, response code, latency and next attempt', async () => {
    const failed = makeDelivery({ job_id: '0193abcd-0000-7000-8000-000000000001', status: 'failed', attempts: 4, response_code: 503, latency_ms: 1530, next_attempt_at: '2025-01-01T12:00:00.000Z' });
    const done = makeDelivery({ event: 'job.failed', status: 'succeeded', response_code: 204, latency_ms: 87 });
    http.expectOne((r) => r.url === deliveriesUrl).flush({ deliveries: [failed, done] });
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="webhook-heading"]')?.textContent).toContain('https://a.example.com/h');
    const [first, second] = rows();
    expect(first.slice(0, 6)).toEqual(['Job completed', '0193abcd…', 'Failed', '4', '503', '1.5 s']);
    expect(first[6]).not.toBe('—');
    expect(second.slice(0, 6)).toEqual(['Job failed', expect.any(String), 'Delivered', '1', '204', '87 ms']);
    expect(el().querySelector('[data-testid="delivery-job"]')?.getAttribute('href')).toBe('/jobs/0193abcd-0000-7000-8000-000000000001');
  });

  it('redelivers a delivery and reads the log again; a pending one cannot be sent twice', async () => {
    const failed = makeDelivery({ status: 'failed' });
    const pending = makeDelivery({ status: 'pending' });
    http.expectOne((r) => r.url === deliveriesUrl).flush({ deliveries: [failed, pending] });
    await fixture.whenStable();
    const buttons = [...el().querySelectorAll<HTMLButtonElement>('[data-testid="delivery-row"] button')];
    expect(buttons.map((b) => b.disabled)).toEqual([false, true]);
    buttons[0].click();
    const redeliver = http.expectOne(`${deliveriesUrl}/${failed.delivery_id}/redeliver`);
    expect(redeliver.request.method).toBe('POST');
    redeliver.flush({ ...failed, status: 'pending' }, { status: 202, statusText: 'Accepted' });
    TestBed.tick();
    http.expectOne((r) => r.url === deliveriesUrl).flush({ deliveries: [{ ...failed, status: 'pending' }, pending] });
  });
});
