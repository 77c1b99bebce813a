import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { makeDelivery, makeWebhook } from '../../testing/webhook.factory';
import { API_BASE_URL } from './api-base-url';
import { problemFieldErrors } from './problem-message';
import type { Webhook, WebhookDelivery, WebhookWithSecret } from '@atelier/contracts';
import { WebhooksApi } from './webhooks-api';

describe('WebhooksApi', () => {
  let api: WebhooksApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/base/api' }] });
    api = TestBed.inject(WebhooksApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists the webhooks', () => {
    const hook = makeWebhook();
    let answer: Webhook[] | undefined;
    api.list().subscribe((w) => (answer = w));
    const request = http.expectOne('/base/api/webhooks');
    expect(request.request.method).toBe('GET');
    request.flush({ webhooks: [hook] });
    expect(answer).toEqual([hook]);
  });

  it('creates one with its url, events and description, and answers it with its secret', () => {
    const created: WebhookWithSecret = { ...makeWebhook(), secret: 'whsec_abc' };
    let answer: WebhookWithSecret | undefined;
    api.create({ url: 'https://example.com/hook', events: ['job.completed'], description: 'CI' }).subscribe((w) => (answer = w));
    const request = http.expectOne('/base/api/webhooks');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ url: 'https://example.com/hook', events: ['job.completed'], description: 'CI' });
    request.flush(created, { status: 201, statusText: 'Created' });
    expect(answer?.secret).toBe('whsec_abc');
  });

  it('changes, rotates the secret of and deletes one by its id, escaped', () => {
    api.update('w/1', { events: ['job.failed'], description: '' }).subscribe();
    const patch = http.expectOne('/base/api/webhooks/w%2F1');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ events: ['job.failed'], description: '' });
    patch.flush(makeWebhook());

    api.rotateSecret('w/1').subscribe();
    const rotate = http.expectOne('/base/api/webhooks/w%2F1/rotate-secret');
    expect(rotate.request.method).toBe('POST');
    rotate.flush({ ...makeWebhook(), secret: 'whsec_new' });

    api.delete('w/1').subscribe();
    const remove = http.expectOne('/base/api/webhooks/w%2F1');
    expect(remove.request.method).toBe('DELETE');
    remove.flush(null, { status: 204, statusText: 'No Content' });
  });

  it('reads the delivery log and redelivers one delivery', () => {
    const delivery = makeDelivery({ status: 'failed', response_code: 500 });
    let log: WebhookDelivery[] | undefined;
    api.deliveries('w1', 20).subscribe((d) => (log = d));
    const read = http.expectOne((r) => r.url === '/base/api/webhooks/w1/deliveries');
    expect(read.request.urlWithParams).toBe('/base/api/webhooks/w1/deliveries?limit=20');
    read.flush({ deliveries: [delivery] });
    expect(log).toEqual([delivery]);

    api.redeliver('w1', 'd 1').subscribe();
    const redeliver = http.expectOne('/base/api/webhooks/w1/deliveries/d%201/redeliver');
    expect(redeliver.request.method).toBe('POST');
    redeliver.flush({ ...delivery, status: 'pending' }, { status: 202, statusText: 'Accepted' });
  });

  it("hands over a refusal's field errors, e.g. an SSRF refusal of the url", () => {
    let error: unknown;
    api.create({ url: 'http://10.0.0.1/hook', events: ['job.completed'] }).subscribe({ error: (e: unknown) => (error = e) });
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The webhook target is not allowed.',
      instance: '/api/webhooks',
      errors: [{ field: 'url', message: '10.0.0.1 is a private address.' }],
    };
    http.expectOne('/base/api/webhooks').flush(problem, { status: 400, statusText: 'Bad Request' });
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect(problemFieldErrors(error)).toEqual([{ field: 'url', message: '10.0.0.1 is a private address.' }]);
    expect(problemFieldErrors(new Error('x'))).toEqual([]);
  });
});
