import type { Browser, Page } from '@playwright/test';
import type { Job, QueueList } from '@atelier/contracts';
import { asMember, submitAnalysis, test } from './support/access';
import { ConsolePage, E2E_ADMIN, expect, signIn } from './support/fixtures';

/** Issue #12 in the browser: the operator's Dashboard, Queues and Workers pages, and the dark theme. */

const SIZES = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

const PAGES = [
  // Loaded once the queue's depth is in (a dash until then).
  { path: '/dashboard', heading: 'Dashboard', ready: (page: Page) => expect(page.getByTestId('tile-queued')).not.toContainText('—') },
  { path: '/queues', heading: 'Queues', ready: (page: Page) => expect(page.getByTestId('queue-analyze')).toBeVisible() },
  { path: '/workers', heading: 'Workers', ready: (page: Page) => expect(page.getByTestId('worker').first()).toBeVisible() },
] as const;

/** Whether the page's background is dark (relative luminance, 0–255). */
async function darkBackground(page: Page): Promise<boolean> {
  const rgb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (rgb.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/** A second browser, signed in as the e2e admin with a session of its own. */
async function secondConsole(browser: Browser, baseURL: string, viewport: { width: number; height: number }): Promise<{ app: ConsolePage; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL, viewport, storageState: await signIn(baseURL, E2E_ADMIN) });
  return { app: new ConsolePage(await context.newPage()), close: () => context.close() };
}

for (const size of SIZES) {
  test.describe(`at ${size.viewport.width}×${size.viewport.height}`, () => {
    test.use({ viewport: size.viewport });

    for (const scheme of ['light', 'dark'] as const) {
      test(`the Dashboard, Queues and Workers pages in ${scheme}: a screenshot each and no serious axe violation`, async ({ app, page, request }) => {
        test.setTimeout(120_000); // three axe scans
        await page.emulateMedia({ colorScheme: scheme });
        // Something to show: a job that runs (the offline provider takes seconds) while the pages are open.
        await submitAnalysis(request, 'hair-color');
        for (const { path, heading, ready } of PAGES) {
          await page.goto(path);
          await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
          await ready(page);
          expect(await darkBackground(page)).toBe(scheme === 'dark');
          await app.screenshot(`12-${path.slice(1)}-${size.name}${scheme === 'dark' ? '-dark' : ''}`);
          await app.expectAccessible(`${path} at ${size.name} size, ${scheme}`);
        }
      });
    }
  });
}

test('the dashboard counts what happened and updates from the stream as jobs change', async ({ app, page, request }) => {
  await page.goto('/dashboard');
  await PAGES[0].ready(page);
  const summary = page.getByTestId('throughput-summary');
  const count = async (what: string) => Number(new RegExp(`(\\d+) (?:jobs? )?${what}`).exec((await summary.textContent()) ?? '')?.[1]);
  const created = await count('created');
  const cancelled = await count('cancelled');
  // Cancelled as soon as it is accepted, so it cannot end first (it would answer 409).
  const job = await submitAnalysis(request, 'hair-color');
  const cancel = await request.post(`/api/jobs/${job.job_id}/cancel`);
  expect(cancel.status(), `cancel: ${await cancel.text()}; the job now: ${await (await request.get(`/api/jobs/${job.job_id}`)).text()}`).toBe(200);
  // No reload: the stream's events lead to new reads of the stats (the upload's thumbnail job counts too).
  await expect.poll(() => count('created')).toBeGreaterThan(created);
  await expect.poll(() => count('cancelled')).toBe(cancelled + 1);

  await page.getByTestId('chart-throughput').locator('summary').click();
  await expect(page.getByTestId('throughput-table')).toBeVisible();
  await page.getByTestId('dashboard-range').getByRole('radio', { name: '7 d' }).click();
  await expect(page).toHaveURL(/\/dashboard\?range=7d$/);
  await expect(page.getByTestId('tile-failed')).toContainText('Failed in the last 7 days');
  await expect(summary).toContainText(`${cancelled + 1} cancelled`);
  await app.expectAccessible('the dashboard over 7 days, with the table open');
});

test.describe('a queue', () => {
  // Even when a test stops half-way, the next one finds the analyses running.
  test.afterEach(async ({ request }) => {
    expect((await request.post('/api/queues/analyze/resume')).status()).toBe(200);
  });

  test('pause and resume of a queue, seen in a second browser context', async ({ app, page, request, browser, baseURL }) => {
    test.setTimeout(120_000);
    const other = await secondConsole(browser, baseURL!, { width: 1440, height: 900 });
    try {
      await page.goto('/queues');
      await other.app.page.goto('/queues');
      const mine = page.getByTestId('queue-analyze');
      const theirs = other.app.page.getByTestId('queue-analyze');
      await expect(theirs).toHaveAttribute('data-paused', 'false');

      // Pause only after the confirmation.
      await mine.getByRole('button', { name: 'Pause Analysis' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('heading', { name: 'Pause Analysis?' })).toBeVisible();
      await app.expectAccessible('the pause confirmation');
      await dialog.getByRole('button', { name: 'Keep' }).click();
      await expect(dialog).toHaveCount(0);
      expect(((await (await request.get('/api/queues')).json()) as QueueList).queues.find((q) => q.type === 'analyze')?.paused).toBe(false);

      await mine.getByRole('button', { name: 'Pause Analysis' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Pause' }).click();
      await expect(mine).toHaveAttribute('data-paused', 'true');
      await expect(mine.getByTestId('queue-state')).toHaveText('Paused');
      // The other browser learns it from its stream, without a reload.
      await expect(theirs).toHaveAttribute('data-paused', 'true');
      await expect(theirs).toContainText(/Paused .* ago by you/);
      await expect(other.app.page.getByTestId('queues-status')).toHaveText('1 queue is paused.');

      // While paused, a new analysis waits in the queue, and both pages count it.
      const waiting = await submitAnalysis(request, 'hair-color');
      await expect(theirs.locator('td').nth(1)).toHaveText(/^[1-9]\d*$/);
      await other.app.screenshot('12-queues-paused-seen-elsewhere');
      expect(((await (await request.get(`/api/jobs/${waiting.job_id}`)).json()) as Job).status).toBe('queued');

      // Resumed from the other browser: this one follows, and the job starts.
      await theirs.getByRole('button', { name: 'Resume Analysis' }).click();
      await other.app.page.getByRole('dialog').getByRole('button', { name: 'Resume' }).click();
      await expect(theirs).toHaveAttribute('data-paused', 'false');
      await expect(mine).toHaveAttribute('data-paused', 'false');
      await expect(page.getByTestId('queues-status')).toHaveText('Every queue is running.');
      await expect.poll(async () => ((await (await request.get(`/api/jobs/${waiting.job_id}`)).json()) as Job).status).not.toBe('queued');
    } finally {
      await other.close();
    }
  });
});

test('the Workers page shows the process running a job, with times that tick, and links to the job’s page', async ({ page, request }) => {
  test.setTimeout(120_000);
  // Earlier tests may leave a backlog of 8-second analyses (a bulk retry queues dozens): the highest priority puts this
  // one ahead of them, so it runs as soon as a worker is free, and the page shows running jobs only.
  const job = await submitAnalysis(request, 'hair-color', 10);
  await expect
    .poll(async () => ((await (await request.get(`/api/jobs/${job.job_id}`)).json()) as { status: string }).status, { timeout: 60_000 })
    .toBe('running');
  await page.goto('/workers');
  const link = page.locator(`[data-testid="worker-job"] a[href="/jobs/${job.job_id}"]`);
  await expect(link).toBeVisible();
  await expect(link).toHaveText(job.title);
  const seen = page.getByTestId('worker-seen').first();
  await expect(seen).toHaveText(/ago$|^just now$/);
  const first = await seen.textContent();
  await expect(seen).not.toHaveText(first ?? '');

  await link.click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${job.job_id}$`));
  await expect(page.getByRole('heading', { level: 1, name: job.title })).toBeVisible();
});

test('the theme follows the system until the user picks one, and the pick survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/dashboard');
  const scheme = () => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
  expect(await scheme()).toBe('light dark');
  expect(await darkBackground(page)).toBe(true);

  await page.getByTestId('theme-toggle').click();
  await page.getByRole('menuitemradio', { name: 'Light' }).click();
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-label', 'Theme: Light');
  expect(await scheme()).toBe('light');
  expect(await darkBackground(page)).toBe(false);

  await page.reload();
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-label', 'Theme: Light');
  expect(await scheme()).toBe('light');

  await page.getByTestId('theme-toggle').click();
  await expect(page.getByRole('menuitemradio', { name: 'Light' })).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('menuitemradio', { name: 'System' }).click();
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-label', 'Theme: System');
  expect(await darkBackground(page)).toBe(true);
});

test.describe('as a member', () => {
  test.use(asMember);

  test('the operator pages are neither offered nor reachable', async ({ page }) => {
    await page.goto('/analyzers');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Jobs' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Dashboard' })).toHaveCount(0);
    for (const path of ['/dashboard', '/queues', '/workers']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/analyzers$/);
    }
  });
});
