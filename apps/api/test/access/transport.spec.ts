/** Access: the Host allow-list (421 otherwise, against DNS rebinding) and security headers on every answer. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from '@atelier/contracts';
import { SseClient } from '../support/sse-client';
import { AccessServer, expectProblem, expectStatus, send, useAccessServer, type Answer, type Caller } from './access-harness';

jest.setTimeout(60_000);

/** What an answer lacks of nosniff and a frame ban (X-Frame-Options, or CSP frame-ancestors). */
function missingSecurityHeaders(what: string, headers: Answer['headers']): string[] {
  const csp = String(headers['content-security-policy'] ?? '');
  const frameBan = /^(deny|sameorigin)$/i.test(String(headers['x-frame-options'] ?? '')) || /frame-ancestors\s+('none'|'self')/.test(csp);
  return [...(headers['x-content-type-options'] === 'nosniff' ? [] : [`${what}: no nosniff`]), ...(frameBan ? [] : [`${what}: no frame ban`])];
}

describe('access: transport', () => {
  const consoleDir = mkdtempSync(join(tmpdir(), 'atelier-console-'));
  writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><html><head><script src="/app.js"></script></head><body>console</body></html>');
  writeFileSync(join(consoleDir, 'app.js'), 'document.body.dataset.ready = "yes";');
  const suite = useAccessServer({ CONSOLE_DIR: consoleDir });
  let adminKey: Caller;

  beforeAll(async () => {
    adminKey = (await suite.admin.createKey()).caller;
  });
  afterAll(async () => {
    rmSync(consoleDir, { recursive: true, force: true });
  });

  const withHost = (host: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    send(`${suite.server.url}${path}`, { ...init, headers: { ...init.headers, host } });

  describe('Host allow-list', () => {
    it('a foreign Host answers 421 on every kind of route, signed in or not', async () => {
      const evil = `evil.example:${suite.server.port}`;
      const answers: [string, Answer][] = [
        ['GET /api/health', await withHost(evil, '/api/health')],
        ['GET /api/auth/setup', await withHost(evil, '/api/auth/setup')],
        ['GET /api/jobs (key)', await withHost(evil, '/api/jobs', { headers: adminKey.headers() })],
        ['GET /api/jobs (cookie)', await withHost(evil, '/api/jobs', { headers: suite.admin.headers() })],
        ['GET /api/jobs/stream', await withHost(evil, '/api/jobs/stream', { headers: { ...adminKey.headers(), accept: 'text/event-stream' } })],
        ['POST /api/auth/login', await withHost(evil, '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"a@b.c","password":"x"}' })],
        ['GET /metrics', await withHost(evil, '/metrics', { headers: adminKey.headers() })],
        ['GET /api/docs', await withHost(evil, '/api/docs', { headers: adminKey.headers() })],
        ['GET / (console)', await withHost(evil, '/', { headers: { accept: 'text/html' } })],
        ['GET /app.js', await withHost(evil, '/app.js')],
      ];
      for (const [what, answer] of answers) {
        expect({ what, status: answer.status }).toEqual({ what, status: 421 });
        expect(answer.text).not.toContain('console');
      }
      expectProblem(answers[0][1], 421);
    });

    it('the loopback names with the server port are served; another port or a lookalike is not', async () => {
      for (const host of [`127.0.0.1:${suite.server.port}`, `localhost:${suite.server.port}`, `LOCALHOST:${suite.server.port}`]) {
        expectStatus(await withHost(host, '/api/auth/setup'), 200);
      }
      for (const host of [`localhost:${suite.server.port + 1}`, `localhost.evil.example:${suite.server.port}`, `127.0.0.1.nip.io:${suite.server.port}`, 'localhost']) {
        expectProblem(await withHost(host, '/api/auth/setup'), 421);
      }
    });

    it('ALLOWED_HOSTS=atelier.example serves that name', async () => {
      const named = await AccessServer.start({ ALLOWED_HOSTS: 'atelier.example' });
      try {
        const at = (host: string) => send(`${named.url}/api/auth/setup`, { headers: { host } });
        expectStatus(await at(`atelier.example:${named.port}`), 200);
        expectStatus(await at('atelier.example'), 200);
        expectProblem(await at(`evil.example:${named.port}`), 421);
      } finally {
        await named.stop();
      }
    });
  });

  describe('security headers', () => {
    it('every answer carries nosniff and a frame ban', async () => {
      const job = (await adminKey.waitForJob((await adminKey.submit()).job_id)) as Job<'analyze'>;
      const answers: [string, Answer][] = [
        ['200 setup status', await send(`${suite.server.url}/api/auth/setup`)],
        ['200 health', await send(`${suite.server.url}/api/health`)],
        ['401 no principal', await send(`${suite.server.url}/api/jobs`)],
        ['200 jobs', await adminKey.get('/api/jobs')],
        ['200 job', await adminKey.get(`/api/jobs/${job.job_id}`)],
        ['400 bad query', await adminKey.get('/api/jobs?limit=lots')],
        ['404 unknown route', await adminKey.get('/api/nothing-here')],
        ['401 wrong password', await send(`${suite.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@atelier.test', password: 'nope' }) })],
        ['403 csrf', await suite.admin.post(`/api/jobs/${job.job_id}/retry`, undefined, { origin: 'https://evil.example' })],
        ['421 foreign host', await withHost(`evil.example:${suite.server.port}`, '/api/health')],
        ['200 image', await adminKey.get(`/api/images/${job.input.image_id}`)],
        ['200 metrics', await adminKey.get('/metrics')],
        ['200 openapi.json', await adminKey.get('/api/openapi.json')],
        ['200 docs', await adminKey.get('/api/docs', { headers: { accept: 'text/html' } })],
        ['200 console page', await send(`${suite.server.url}/`, { headers: { accept: 'text/html' } })],
        ['200 console asset', await send(`${suite.server.url}/app.js`)],
      ];
      const stream = await SseClient.connect(`${suite.server.url}/api/jobs/stream`, adminKey.headers());
      stream.close();
      expect(stream.status).toBe(200);
      const missing = [...answers.map(([what, answer]) => [what, answer.headers] as const), ['200 event stream', stream.headers] as const].flatMap(([what, headers]) =>
        missingSecurityHeaders(what, headers),
      );
      expect(missing).toEqual([]);
    });

    it('console pages carry a strict Content-Security-Policy (no inline scripts)', async () => {
      for (const path of ['/', '/jobs', '/settings/api-keys']) {
        const page = await send(`${suite.server.url}${path}`, { headers: { accept: 'text/html' } });
        expectStatus(page, 200);
        expect(page.text).toContain('console');
        const csp = String(page.headers['content-security-policy'] ?? '');
        const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
        const scripts = directives.get('script-src') ?? directives.get('default-src');
        expect({ path, csp, scripts }).toEqual({ path, csp: expect.stringContaining('default-src'), scripts: expect.arrayContaining(["'self'"]) });
        expect(scripts).not.toContain("'unsafe-inline'");
        expect(scripts).not.toContain("'unsafe-eval'");
        expect(scripts).not.toContain('*');
        expect(directives.get('frame-ancestors') ?? ["'none'"]).not.toContain('*');
      }
    });
  });
});
