import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import type { AsyncAcceptedResponse, Job, JobTimeline } from '@atelier/contracts';
import { E2E_ADMIN, ConsolePage, expect, signIn, test } from './support/fixtures';
import { makePng } from './support/png-fixture';
import { consoleOrigin } from './support/sign-in';

/**
 * The Jobs page and the job page (#12): search, sort and dates in the URL, thumbnails hidden,
 * a bulk retry of every failed job (more than one page), the timeline of each attempt, an unknown
 * job, the card list on a phone, and the list coming back by itself after a server restart.
 */

const SIZES = [
  { name: 'desktop', use: { viewport: { width: 1440, height: 900 } } },
  { name: 'phone', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
] as const;

let seed = 5000 + Math.floor(Math.random() * 1000);

/** Starts an analysis over the API with this file name and returns the queued job. */
async function analyze(api: APIRequestContext, fileName: string): Promise<Job> {
  const answer = await api.post('/api/analyzers/hair-color/analyze?async_mode=true', {
    multipart: { image: { name: fileName, mimeType: 'image/png', buffer: makePng(++seed) } },
  });
  expect(answer.status(), await answer.text()).toBe(202);
  return ((await answer.json()) as AsyncAcceptedResponse).job;
}

/**
 * Jobs that fail for real: image generations from a preset deleted while they wait in a paused
 * queue (the offline provider itself never fails). Answers them once all have failed.
 */
async function failingJobs(api: APIRequestContext, count: number): Promise<Job[]> {
  const analysis = await analyze(api, `source-${seed}.png`);
  await waitForStatus(api, [analysis.job_id], 'completed');
  const presetId = ((await jobOf(api, analysis.job_id)).result as { preset_id: string }).preset_id;
  const jobs: Job[] = [];
  expect((await api.post('/api/queues/generate_image/pause')).status()).toBe(200);
  try {
    for (let i = 0; i < count; i++) {
      const answer = await api.post(`/api/presets/${presetId}/generate`, { data: {} });
      expect(answer.status(), await answer.text()).toBe(202);
      jobs.push(((await answer.json()) as AsyncAcceptedResponse).job);
    }
    expect((await api.delete(`/api/presets/${presetId}`)).status()).toBe(204);
  } finally {
    expect((await api.post('/api/queues/generate_image/resume')).status()).toBe(200);
  }
  await waitForStatus(api, jobs.map((j) => j.job_id), 'failed');
  return jobs;
}

async function jobOf(api: APIRequestContext, jobId: string): Promise<Job> {
  return (await (await api.get(`/api/jobs/${jobId}`)).json()) as Job;
}

async function waitForStatus(api: APIRequestContext, jobIds: readonly string[], status: Job['status'], timeout = 45_000): Promise<void> {
  await expect.poll(async () => (await Promise.all(jobIds.map((id) => jobOf(api, id)))).every((j) => j.status === status), { timeout }).toBe(true);
}

async function rows(page: Page): Promise<string[]> {
  return page.getByTestId('job-row').allInnerTexts();
}

/** axe, once no snackbar is in the middle of moving its content into its live region (Material does it 150 ms after opening). */
async function expectAccessible(app: ConsolePage, context: string): Promise<void> {
  await expect(app.page.locator('.mat-mdc-snack-bar-label > [aria-hidden="true"] button')).toHaveCount(0);
  await app.expectAccessible(context);
}

function isPhone(page: Page): boolean {
  return (page.viewportSize()?.width ?? 1440) <= 600;
}

for (const size of SIZES) {
  test.describe(`the Jobs pages at ${size.use.viewport.width}×${size.use.viewport.height}`, () => {
    test.use(size.use);

    test('search, sort and a date range live in the URL; thumbnails hide unless asked for; a phone gets cards', async ({ app, page, request }) => {
      test.setTimeout(120_000);
      await page.goto('/jobs');
      await expect(page.getByTestId('jobs-empty')).toContainText('No jobs yet.');
      await expect(page.getByTestId('jobs-empty').getByRole('link', { name: 'Go to Analyzers' })).toBeVisible();

      const tag = `e2e-${randomUUID().slice(0, 6)}`;
      for (const name of ['alpha', 'beta', 'gamma']) await analyze(request, `${tag}-${name}.png`);
      await page.reload();
      await expect(page.getByTestId('job-row')).toHaveCount(3);

      // Search by file name, debounced into the URL: a shared link shows the same list.
      await page.getByTestId('job-search').fill(`${tag}-beta`);
      await expect(page).toHaveURL(new RegExp(`q=${tag}-beta`));
      await expect(page.getByTestId('job-row')).toHaveCount(1);
      await expect(page.getByTestId('job-row')).toContainText(`${tag}-beta.png`);
      await page.goto(`/jobs?q=${tag}`);
      await expect(page.getByTestId('job-search')).toHaveValue(tag);
      await expect(page.getByTestId('job-row')).toHaveCount(3);
      expect((await rows(page))[0]).toContain(`${tag}-gamma.png`);

      // Oldest first, by the created column (a button on a phone).
      if (isPhone(page)) await page.getByTestId('sort-toggle').click();
      else await page.getByRole('button', { name: /Created/ }).click();
      await expect(page).toHaveURL(/sort=created_at/);
      await expect.poll(async () => (await rows(page))[0]).toContain(`${tag}-alpha.png`);

      // A range of days: yesterday matches nothing, today all three.
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('en-US');
      if (isPhone(page)) await page.getByTestId('filters-toggle').click();
      const setRange = async (from: string, to: string) => {
        await page.getByTestId('created-from').fill(from);
        await page.getByTestId('created-to').fill(to);
        await page.getByTestId('created-to').press('Tab');
      };
      await setRange(day(-1), day(-1));
      await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=|to=.*from=/);
      await expect(page.getByTestId('jobs-empty')).toContainText('No jobs match these filters.');
      await setRange(day(0), day(0));
      await expect(page.getByTestId('job-row')).toHaveCount(3);
      await app.screenshot(`jobs-search-${size.name}`);
      await expectAccessible(app, `the Jobs page with filters at ${size.name}`);

      // Each upload also made an internal thumbnail job: listed only when asked for.
      await page.goto('/jobs');
      await expect(page.getByTestId('job-row')).toHaveCount(3);
      if (isPhone(page)) await page.getByTestId('filters-toggle').click();
      await page.getByTestId('show-internal').getByRole('switch').click();
      await expect(page).toHaveURL(/internal=1/);
      await expect.poll(() => page.getByTestId('job-row').count()).toBeGreaterThan(3);
      await expect(page.getByTestId('job-row').filter({ hasText: /Thumbnail/ }).first()).toBeVisible();

      if (isPhone(page)) {
        await expect(page.getByRole('list', { name: 'Jobs' })).toBeVisible();
        await expect(page.locator('table')).toHaveCount(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await app.screenshot('jobs-cards-phone');
      }
    });

    test('a bulk retry of all failed jobs reaches every matching job, not one page, and says what it did', async ({ app, page, request }) => {
      test.setTimeout(120_000);
      const failing = await failingJobs(request, 26);

      await page.goto('/jobs?status=failed');
      await expect(page.getByTestId('job-row')).toHaveCount(25);
      await page.getByRole('checkbox', { name: /Select all (jobs )?on this page/ }).check();
      await page.getByTestId('select-all-matching').click();
      await page.getByRole('button', { name: 'Retry all matching' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Retry all' }).click();
      await expect(page.getByTestId('bulk-result')).toContainText('Retry: 26 jobs matched · 26 queued again');
      await app.screenshot(`jobs-bulk-retry-${size.name}`);
      await expectAccessible(app, `the Jobs page after a bulk retry at ${size.name}`);

      // Each was queued again: its timeline says who retried it, and it fails once more (the image is still broken).
      await waitForStatus(request, failing.map((j) => j.job_id), 'failed');
      for (const job of [failing[0], failing[25]]) {
        const { events } = (await (await request.get(`/api/jobs/${job.job_id}/events`)).json()) as JobTimeline;
        expect(events.filter((e) => e.kind === 'retried')).toHaveLength(1);
      }
    });

    test('the job page shows the timeline of each attempt, the image and the presets by name; an unknown job says so', async ({ app, page, request }) => {
      test.setTimeout(90_000);
      const [broken] = await failingJobs(request, 1);
      const done = await analyze(request, 'portrait.png');

      // A failed job: its attempt with worker, duration and error; Retry adds to the timeline.
      await page.goto(`/jobs/${broken.job_id}`);
      await expect(page.getByRole('heading', { level: 1, name: broken.title })).toBeVisible();
      const attempt = page.getByTestId('job-attempt').first();
      await expect(attempt).toContainText('Attempt 1');
      await expect(attempt).toContainText('Failed');
      await expect(attempt).toContainText(/Worker \S+/);
      await expect(attempt).toContainText('no longer exists');
      await expect(page.getByTestId('job-timeline')).toContainText('Created by you');
      await page.getByRole('button', { name: 'Retry' }).click();
      await expect(page.getByTestId('job-timeline')).toContainText('Retried by you');
      await expect(page.getByTestId('job-attempt')).toHaveCount(2, { timeout: 20_000 });
      await expectAccessible(app, `a failed job's page at ${size.name}`);

      // A completed analysis: the input image, the file, the preset by name, live to the end.
      await page.goto(`/jobs/${done.job_id}`);
      await expect(page.getByTestId('job-status-line')).toContainText('Completed', { timeout: 30_000 });
      const image = page.getByRole('img', { name: 'Input image portrait.png' });
      await expect(image).toBeVisible();
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      await expect(page.getByTestId('job-attempt').first()).toContainText('Completed');
      const presetLink = page.getByRole('link', { name: (await jobPresetName(request, done.job_id)) ?? 'missing preset' });
      await expect(presetLink).toBeVisible();
      await app.screenshot(`job-page-${size.name}`);
      await expectAccessible(app, `a completed job's page at ${size.name}`);

      // The preset starts an image generation, which the task manager shows.
      await presetLink.click();
      await expect(page).toHaveURL(/\/presets\//);
      await page.getByTestId('generate-image').click();
      await expect(page.locator('mat-snack-bar-container').filter({ hasText: 'Generating an image from' })).toBeVisible();
      const panel = await app.openTasks();
      await expect(panel.locator('atl-task-card').filter({ hasText: 'Image from' }).first()).toBeVisible();
      await app.closeTasks();

      // A link to a job that does not exist.
      await page.goto('/jobs/00000000-0000-7000-8000-000000000000');
      await expect(page.getByRole('heading', { level: 1, name: 'No job with this id' })).toBeVisible();
      await app.screenshot(`job-page-unknown-${size.name}`);
      await expectAccessible(app, `an unknown job's page at ${size.name}`);
      await page.getByRole('link', { name: 'See all jobs' }).click();
      await expect(page).toHaveURL(/\/jobs$/);
    });

    test('after a server restart the Jobs page comes back by itself, without a Refresh', async ({ browser, playwright }) => {
      test.setTimeout(120_000);
      const server = await RestartableServer.start();
      const storageState = await signIn(server.url, E2E_ADMIN);
      const context = await browser.newContext({ ...size.use, baseURL: server.url, storageState });
      const api = await playwright.request.newContext({ baseURL: server.url, storageState, extraHTTPHeaders: consoleOrigin(server.url) });
      try {
        const page = await context.newPage();
        const app = new ConsolePage(page);
        await page.goto('/jobs');
        await expect(page.getByTestId('jobs-empty')).toContainText('No jobs yet.');
        // A job made while the page looks elsewhere, finished before the server stops: no event brings it later.
        await page.goto('/analyzers');
        const job = await analyze(api, 'before-restart.png');
        await waitForStatus(api, [job.job_id], 'completed');

        await server.stop();
        await page.getByRole('link', { name: 'Jobs' }).click();
        await expect(page.getByRole('alert').filter({ hasText: 'Cannot reach the Atelier server' })).toBeVisible();
        await app.screenshot(`jobs-server-gone-${size.name}`);

        await server.start();
        await expect(page.getByTestId('job-row').filter({ hasText: 'before-restart.png' })).toBeVisible({ timeout: 60_000 });
        await expect(page.getByText('Cannot reach the Atelier server')).toHaveCount(0);
        await app.screenshot(`jobs-server-back-${size.name}`);
      } finally {
        await api.dispose();
        await context.close();
        await server.dispose();
      }
    });
  });
}

/** The name of the preset an analysis made, as the API says. */
async function jobPresetName(api: APIRequestContext, jobId: string): Promise<string | null> {
  const job = await jobOf(api, jobId);
  const presetId = (job.result as { preset_id?: string } | null)?.preset_id;
  if (!presetId) return null;
  return ((await (await api.get(`/api/presets/${presetId}`)).json()) as { name: string }).name;
}

/** A server of this test's own (embedded, offline) on a fixed port and data folder, so it can be stopped and started again. */
class RestartableServer {
  private child: ChildProcess | null = null;
  private constructor(
    private readonly port: number,
    private readonly dataDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RestartableServer> {
    const server = new RestartableServer(await freePort(), mkdtempSync(join(tmpdir(), 'atelier-e2e-restart-')));
    await server.start().catch(async (err: unknown) => {
      await server.dispose();
      throw err;
    });
    return server;
  }

  async start(): Promise<void> {
    const root = resolve(__dirname, '../../..');
    const { DATABASE_URL: _db, REDIS_URL: _redis, OPENAI_API_KEY: _key, ...inherited } = process.env;
    let output = '';
    const child = spawn(process.execPath, [join(root, 'dist/server/apps/api/src/main.js')], {
      cwd: root,
      env: {
        ...inherited,
        VISION_PROVIDER: 'offline',
        DATA_DIR: this.dataDir,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        OFFLINE_LATENCY_MS: '200',
        CONSOLE_DIR: process.env['E2E_CONSOLE_DIR'] ?? join(root, 'dist/apps/console/browser'),
        LOG_LEVEL: 'warn',
        ATELIER_ADMIN_EMAIL: E2E_ADMIN.email,
        ATELIER_ADMIN_PASSWORD: E2E_ADMIN.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    this.child = child;
    await expect
      .poll(
        async () => {
          if (child.exitCode !== null) throw new Error(`The restartable server exited with ${child.exitCode}:\n${output.slice(-4000)}`);
          return fetch(`${this.url}/api/health`).then((r) => r.ok, () => false);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(force);
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
