import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { describeLoginFailure, retryAfterMs } from './login-failure';

const NOW = Date.parse('2025-01-01T12:00:00.000Z');
const failure = (status: number, headers: Record<string, string> = {}, body: unknown = null) =>
  new HttpErrorResponse({ status, statusText: 'x', headers: new HttpHeaders(headers), error: body, url: '/api/auth/login' });

describe('describeLoginFailure', () => {
  it('says wrong email or password for a 401, whichever of the two was wrong', () => {
    expect(describeLoginFailure(failure(401), NOW)).toBe('Wrong email or password.');
  });

  it('says how long to wait after repeated failures', () => {
    expect(describeLoginFailure(failure(429, { 'Retry-After': '90' }), NOW)).toBe('Too many failed sign-ins. Try again in 1m 30s.');
    expect(describeLoginFailure(failure(429, { 'Retry-After': 'Wed, 01 Jan 2025 12:00:30 GMT' }), NOW)).toBe('Too many failed sign-ins. Try again in 30s.');
    expect(describeLoginFailure(failure(429), NOW)).toBe('Too many failed sign-ins. Try again later.');
  });

  it("passes on the server's own words otherwise", () => {
    const body = { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'This account is disabled.', instance: '/api/auth/login' };
    expect(describeLoginFailure(failure(403, {}, body), NOW)).toBe('This account is disabled.');
    expect(describeLoginFailure(failure(0), NOW)).toBe('Cannot reach the Atelier server. Check your connection and try again.');
  });
});

describe('retryAfterMs', () => {
  it('reads delay-seconds and HTTP dates, and nothing else', () => {
    expect(retryAfterMs('5', NOW)).toBe(5000);
    expect(retryAfterMs('Wed, 01 Jan 2025 11:59:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs('soon', NOW)).toBeNull();
    expect(retryAfterMs(null, NOW)).toBeNull();
  });
});
