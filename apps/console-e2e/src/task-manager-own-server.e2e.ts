import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request as playwrightRequest, type APIRequestContext, type Browser, type BrowserContext, type Locator } from '@playwright/test';
import { submitAnalysis } from './support/access';
import { freePort } from './support/free-port';
import { ConsolePage, E2E_ADMIN, expect, signIn, test } from './support/fixtures';
import { consoleOrigin } from './support/sign-in';

/**
 * The task manager against a server of these tests' own, which they stop, kill and restart behind a
 * model stub (#12): failures told in plain words, and an honest stale state while the server is down
 * with what recovery re-queued on reconnect.
 */

const ROOT = resolve(__dirname, '../../..');

/**
 * The vision model the server calls, as much of an OpenAI-compatible endpoint as these tests need:
 * it answers every request with an error status, or never answers.
 */
class ModelStub {
  behaviour: { kind: 'error'; status: number; message: string } | { kind: 'hang' } = { kind: 'hang' };
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(): Promise<ModelStub> {
    const stub: ModelStub = new ModelStub(
      createHttpServer((req, res) => {
        req.resume();
        const behaviour = stub.behaviour;
        if (behaviour.kind === 'hang') return;
        res.writeHead(behaviour.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: behaviour.message, type: 'e2e' } }));
      }),
    );
    await new Promise<void>((done) => stub.server.listen(0, '127.0.0.1', done));
    return stub;
  }

  get url(): string {
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}

/** A server of these tests' own (it is stopped and restarted), behind the model stub. */
class OwnServer {
  private child: ChildProcess | null = null;
  private output = '';
  readonly dataDir = mkdtempSync(join(tmpdir(), 'atelier-e2e-ops-'));

  private constructor(
    readonly port: number,
    readonly model: ModelStub,
  ) {}

  static async start(): Promise<OwnServer> {
    const model = await ModelStub.start();
    const server = new OwnServer(await freePort(), model);
    await server.boot();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async boot(): Promise<void> {
    const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
    const child = spawn(process.execPath, [join(ROOT, 'dist/server/apps/api/src/main.js')], {
      cwd: ROOT,
      env: {
        ...inherited,
        VISION_PROVIDER: 'openai',
        OPENAI_API_KEY: 'e2e-fake-key',
        OPENAI_BASE_URL: this.model.url,
        ANALYSIS_CACHE_TTL_MS: '0',
        JOB_RETRY_BASE_DELAY_MS: '8000',
        DATA_DIR: this.dataDir,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        CONSOLE_DIR: join(ROOT, 'dist/apps/console/browser'),
        LOG_LEVEL: 'warn',
        ATELIER_ADMIN_EMAIL: E2E_ADMIN.email,
        ATELIER_ADMIN_PASSWORD: E2E_ADMIN.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-4000)));
    child.stderr?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-4000)));
    this.child = child;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}): ${this.output}`);
      if (await fetch(`${this.url}/api/health`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`The server did not become healthy: ${this.output}`);
  }

  /** A crash: running jobs stay marked running until the next boot recovers them. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    await this.model.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async api(): Promise<APIRequestContext> {
    return playwrightRequest.newContext({ baseURL: this.url, storageState: await signIn(this.url, E2E_ADMIN), extraHTTPHeaders: consoleOrigin(this.url) });
  }

  async browserContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
    return browser.newContext({ ...options, baseURL: this.url, storageState: await signIn(this.url, E2E_ADMIN) });
  }
}

test.describe('against a server of their own', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });
  let server: OwnServer;
  let api: APIRequestContext;

  test.beforeAll(async () => {
    server = await OwnServer.start();
    api = await server.api();
  });

  test.afterAll(async () => {
    await api?.dispose();
    await server?.stop();
  });

  async function openConsole(browser: Browser): Promise<{ context: BrowserContext; app: ConsolePage }> {
    const context = await server.browserContext(browser, { viewport: { width: 1280, height: 800 } });
    const app = new ConsolePage(await context.newPage());
    await app.page.goto('/analyzers');
    await app.openTasks();
    return { context, app };
  }

  /** The same state on a phone (the panel becomes a bottom sheet): a screenshot and an axe scan, then back. */
  async function atPhoneSize(app: ConsolePage, screenshot: string): Promise<void> {
    await app.page.setViewportSize({ width: 390, height: 844 });
    await expect(app.page.getByTestId('task-panel')).toHaveClass(/sheet/);
    await app.screenshot(screenshot);
    await app.expectAccessible(`${screenshot} at 390 px`);
    await app.page.setViewportSize({ width: 1280, height: 800 });
    await expect(app.page.getByTestId('task-panel')).not.toHaveClass(/sheet/);
  }

  async function expandDetails(card: Locator, title: string): Promise<void> {
    const toggle = card.getByRole('button', { name: `Show details of ${title}` });
    if (await toggle.count()) await toggle.click();
  }

  test('failures read in plain words, with the attempts, whether a retry helps and when the next one runs', async ({ browser }) => {
    const { context, app } = await openConsole(browser);
    try {
      server.model.behaviour = { kind: 'error', status: 503, message: 'upstream overloaded' };
      const flaky = await submitAnalysis(api, 'hair-color');
      const card = app.card(flaky.job_id);
      // Waiting for its retry: not a plain "Queued".
      await expect(card.getByTestId('task-status')).toHaveText('Retrying', { timeout: 20_000 });
      await expect(card.getByTestId('task-step')).toHaveText(/^· Retrying at \d\d:\d\d:\d\d \(attempt 2 of 3\)$/);
      await expandDetails(card, flaky.title);
      await expect(card.getByTestId('task-retry-wait')).toContainText(/Attempt [12] failed: The vision model’s service failed for a moment\.\s*Next try at \d\d:\d\d:\d\d \(attempt [23] of 3\)/);
      await app.screenshot('12-retry-waiting');

      await expect(card).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
      await expandDetails(card, flaky.title);
      await expect(card.getByTestId('task-error')).toHaveText('The vision model’s service failed for a moment.');
      await expect(card.getByTestId('task-attempts')).toHaveText('Attempt 3 of 3');
      await expect(card.getByTestId('task-retry-advice')).toHaveText('This kind of failure is often temporary: a retry may succeed.');
      await expect(card.getByTestId('task-elapsed')).not.toHaveText('0s');
      // A red bar, not the running blue.
      const bar = await card.locator('.mdc-linear-progress__bar-inner').first().evaluate((el) => getComputedStyle(el).borderTopColor);
      const error = await card.evaluate((el) => {
        const probe = document.createElement('span');
        probe.style.color = 'var(--mat-sys-error)';
        el.appendChild(probe);
        const color = getComputedStyle(probe).color;
        probe.remove();
        return color;
      });
      expect(bar).toBe(error);

      server.model.behaviour = { kind: 'error', status: 401, message: 'bad key' };
      const final = await submitAnalysis(api, 'makeup');
      const finalCard = app.card(final.job_id);
      await expect(finalCard).toHaveAttribute('data-status', 'failed', { timeout: 20_000 });
      await expandDetails(finalCard, final.title);
      await expect(finalCard.getByTestId('task-error')).toHaveText(/key for the vision model was refused/);
      await expect(finalCard.getByTestId('task-retry-advice')).toHaveText('The server marked this failure as final: a retry would fail the same way.');
      await expect(finalCard).not.toContainText('can be retried');
      await expect(finalCard.getByTestId('task-attempts')).toHaveText('Attempt 1 of 3');
      const text = (await finalCard.textContent()) ?? '';
      expect(text.split('refused').length - 1, 'the failure is said once').toBe(1);
      await app.screenshot('12-failure-details');
      await app.expectAccessible('failed task cards');
      await atPhoneSize(app, '12-failure-details-390');
    } finally {
      await context.close();
    }
  });

  test('while the server is down the cards are stale, timers stop and actions wait; on reconnect it says what recovery re-queued', async ({ browser }) => {
    server.model.behaviour = { kind: 'hang' };
    const { context, app } = await openConsole(browser);
    try {
      const jobs = [await submitAnalysis(api, 'art-style'), await submitAnalysis(api, 'visual-style')];
      for (const job of jobs) await expect(app.card(job.job_id)).toHaveAttribute('data-status', 'running', { timeout: 20_000 });
      const fab = app.page.getByTestId('task-fab');
      await expect(fab).toHaveAttribute('aria-label', /2 running/);

      await server.kill();
      await expect(app.page.getByTestId('reconnecting')).toBeVisible();
      await expect(fab).toHaveAttribute('aria-label', /disconnected/);
      await expect(fab).not.toHaveAttribute('aria-label', /running/);
      await expect(app.page.getByTestId('connection-state')).toHaveText(/Disconnected since \d\d:\d\d:\d\d/);
      const card = app.card(jobs[0].job_id);
      await expect(card).toHaveAttribute('data-stale', 'true');
      await expect(card.locator('.status-dot .running')).toHaveCount(0);
      const cancel = card.getByRole('button', { name: `Cancel ${jobs[0].title}` });
      await expect(cancel).toHaveAttribute('aria-disabled', 'true');
      await expect(cancel).toHaveAccessibleDescription(/Disconnected from the server/);
      await cancel.hover();
      await expect(app.page.locator('.mat-mdc-tooltip')).toHaveText(/Disconnected from the server/);
      // The elapsed time stands still (nothing to await: it must not change).
      const frozen = await card.getByTestId('task-elapsed').textContent();
      await app.page.waitForTimeout(2200);
      await expect(card.getByTestId('task-elapsed')).toHaveText(frozen!);
      await app.screenshot('12-stale-while-disconnected');
      await app.expectAccessible('the task panel while disconnected');
      await atPhoneSize(app, '12-stale-while-disconnected-390');

      await server.boot();
      const report = app.page.getByTestId('recovery-report');
      await expect(report).toContainText('Re-queued by recovery', { timeout: 45_000 });
      for (const job of jobs) {
        await expect(report).toContainText(job.title);
        await expect(app.card(job.job_id).getByTestId('task-requeued')).toBeVisible();
        await expect(app.card(job.job_id)).not.toHaveAttribute('data-stale', 'true');
      }
      await expect(app.page.getByTestId('connection-state')).toHaveText('Live');
      await expect(app.page.getByTestId('reconnecting')).toHaveCount(0);
      await app.screenshot('12-reconnected-requeued');
      for (const job of jobs) await api.post(`/api/jobs/${job.job_id}/cancel`);
    } finally {
      await context.close();
    }
  });
});
