import type { Request, Response } from 'express';
import { allowedHostsOf, hostAllowlist } from './host-allowlist';
import { fromConsoleOrigin } from './request-origin';

const req = (headers: Record<string, string>, localPort = 3000) => ({ headers, socket: { localPort }, originalUrl: '/api/jobs' }) as unknown as Request;

function answer(rule: ReturnType<typeof allowedHostsOf>, host: string, localPort = 3000): number {
  let status = 200;
  const res = { status: (s: number) => ((status = s), res), type: () => res, send: () => res } as unknown as Response;
  hostAllowlist(rule)(req({ host }, localPort), res, () => undefined);
  return status;
}

describe('Host allow-list', () => {
  const defaults = allowedHostsOf({ allowedHosts: undefined, host: '127.0.0.1', publicUrl: undefined });

  it('serves the loopback names on the port the request came in on, and nothing else (DNS rebinding)', () => {
    expect(answer(defaults, 'localhost:3000')).toBe(200);
    expect(answer(defaults, '127.0.0.1:3000')).toBe(200);
    expect(answer(defaults, '[::1]:3000')).toBe(200);
    expect(answer(defaults, 'localhost:3001')).toBe(421);
    expect(answer(defaults, 'evil.example:3000')).toBe(421);
    expect(answer(defaults, '')).toBe(421);
  });

  it('adds PUBLIC_URL host, and ALLOWED_HOSTS replaces the defaults (an entry without port allows any port)', () => {
    expect(answer(allowedHostsOf({ allowedHosts: undefined, host: '0.0.0.0', publicUrl: 'https://atelier.example.com' }), 'atelier.example.com')).toBe(200);
    const listed = allowedHostsOf({ allowedHosts: 'atelier.internal, 10.0.0.5:8080', host: '0.0.0.0', publicUrl: undefined });
    expect(answer(listed, 'atelier.internal:9999')).toBe(200);
    expect(answer(listed, '10.0.0.5:8080')).toBe(200);
    expect(answer(listed, '10.0.0.5:8081')).toBe(421);
    expect(answer(listed, 'localhost:3000')).toBe(421);
  });
});

describe('console origin (CSRF)', () => {
  it('accepts a loopback origin on the server port, by Origin or else Referer', () => {
    expect(fromConsoleOrigin(req({ origin: 'http://localhost:3000' }), { publicUrl: undefined })).toBe(true);
    expect(fromConsoleOrigin(req({ referer: 'http://127.0.0.1:3000/jobs?x=1' }), { publicUrl: undefined })).toBe(true);
  });

  it('refuses another site, another port, a null origin and a request with neither header', () => {
    expect(fromConsoleOrigin(req({ origin: 'http://evil.example' }), { publicUrl: undefined })).toBe(false);
    expect(fromConsoleOrigin(req({ origin: 'http://localhost:4000' }), { publicUrl: undefined })).toBe(false);
    expect(fromConsoleOrigin(req({ origin: 'null' }), { publicUrl: undefined })).toBe(false);
    expect(fromConsoleOrigin(req({}), { publicUrl: undefined })).toBe(false);
  });

  it('with PUBLIC_URL, only that origin', () => {
    const publicUrl = 'https://atelier.example.com';
    expect(fromConsoleOrigin(req({ origin: 'https://atelier.example.com' }), { publicUrl })).toBe(true);
    expect(fromConsoleOrigin(req({ origin: 'http://localhost:3000' }), { publicUrl })).toBe(false);
  });
});
