import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuditList } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';
import { AuditApi } from './audit-api';

describe('AuditApi', () => {
  let api: AuditApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: '/base/api' }] });
    api = TestBed.inject(AuditApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('asks for the newest entries without any filter, and answers the page as the server sent it', () => {
    const page: AuditList = {
      audit: [{ audit_id: 'a1', at: '2025-01-01T09:00:00.000Z', actor: null, action: 'auth.login_failed', target: 'x@atelier.test', ip: '127.0.0.1', detail: {} }],
      next_cursor: 'c2',
    };
    let answer: AuditList | undefined;
    api.list().subscribe((a) => (answer = a));
    const request = http.expectOne((r) => r.url === '/base/api/audit');
    expect(request.request.method).toBe('GET');
    expect(request.request.params.keys()).toEqual([]);
    request.flush(page);
    expect(answer).toEqual(page);
  });

  it('sends the action, the user, the page size and the cursor, and leaves out empty ones', () => {
    api.list({ action: 'user.created', actor: 'u 1', limit: 50, cursor: 'next/1' }).subscribe();
    const full = http.expectOne((r) => r.url === '/base/api/audit');
    expect(full.request.urlWithParams).toBe('/base/api/audit?action=user.created&actor=u%201&limit=50&cursor=next/1');
    full.flush({ audit: [], next_cursor: null });

    api.list({ action: '', actor: null, cursor: null }).subscribe();
    const bare = http.expectOne((r) => r.url === '/base/api/audit');
    expect(bare.request.urlWithParams).toBe('/base/api/audit');
    bare.flush({ audit: [], next_cursor: null });
  });
});
