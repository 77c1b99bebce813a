import { type APIRequestContext, type Page } from '@playwright/test';
import type { Job } from '@atelier/contracts';
import { submitAnalysis } from './support/access';
import { ConsolePage, expect, test } from './support/fixtures';
import { consoleOrigin } from './support/sign-in';

/**
 * The task manager as operators hit it (#12): taps on a phone while snackbars flow, keyboard-only
 * use, dismissals shared by every tab of a user, and a paused queue. Failures and the stale state
 * while the server is down: task-manager-own-server.e2e.ts.
 */

// Each scenario drives a whole console (an axe scan of the open panel alone takes seconds on a busy machine).
test.describe.configure({ timeout: 120_000 });

// A scenario that pauses the analyses resumes them even when it fails or times out (its own request context may be gone by then).
test.afterEach(async ({ playwright, baseURL, storageState }) => {
  const api = await playwright.request.newContext({ baseURL, storageState, extraHTTPHeaders: consoleOrigin(baseURL!) });
  await api.post('/api/queues/analyze/resume');
  await api.dispose();
});

async function activeInPanel(page: Page): Promise<{ inPanel: boolean; tag: string; label: string | null }> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return {
      inPanel: !!active?.closest('[data-testid="task-panel"]'),
      tag: active?.tagName.toLowerCase() ?? '',
      label: active?.getAttribute('aria-label') ?? null,
    };
  });
}

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the task button takes taps while completion snackbars flow', async ({ app, page, request }) => {
    await page.goto('/analyzers');
    const jobs: Job[] = [];
    for (let i = 0; i < 4; i++) jobs.push(await submitAnalysis(request, 'hair-color'));
    const snackbar = page.locator('.mat-mdc-snack-bar-container');
    const fab = page.getByTestId('task-fab');
    const panel = page.getByTestId('task-panel');

    // Completions queue up (the first, then a summary of the others): one snackbar after another, never over the button.
    let previous: string | null = null;
    for (let round = 0; round < 2; round++) {
      await expect(snackbar).toBeVisible({ timeout: 30_000 });
      if (previous) await expect(snackbar).not.toHaveText(previous, { timeout: 20_000 });
      previous = await snackbar.textContent();
      const [bar, button] = await Promise.all([snackbar.boundingBox(), fab.boundingBox()]);
      expect(bar!.y + bar!.height, 'the snackbar sits above the task button').toBeLessThanOrEqual(button!.y);
      // What a finger on the button's centre hits is the button, not the snackbar's layer.
      const hit = await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest('[data-testid="task-fab"]'), {
        x: button!.x + button!.width / 2,
        y: button!.y + button!.height / 2,
      });
      expect(hit).toBe(true);
      if (round === 0) await app.screenshot('12-mobile-snackbar-over-tasks');
      await fab.tap({ timeout: 2000 });
      await expect(panel).toBeVisible();
      await panel.getByRole('button', { name: 'Close tasks' }).tap();
      await expect(panel).toHaveCount(0);
    }
    await app.expectAccessible('a snackbar beside the task button at 390 px');
  });
});

test('the task manager works from the keyboard alone, with focus that stays visible and in place', async ({ app, page, request }) => {
  // Paused, the analyses wait in the queue: there is time to walk to a Cancel button.
  expect((await request.post('/api/queues/analyze/pause')).status()).toBe(200);
  await keyboardOnly(app, page, request);
});

async function keyboardOnly(app: ConsolePage, page: Page, request: APIRequestContext): Promise<void> {
  const jobs = [await submitAnalysis(request, 'makeup'), await submitAnalysis(request, 'expression'), await submitAnalysis(request, 'outfit')];
  await page.goto('/analyzers');
  const fab = page.getByTestId('task-fab');
  const panel = page.getByTestId('task-panel');
  await expect(fab).toHaveAttribute('aria-keyshortcuts', 'Alt+T');

  await page.keyboard.press('Alt+t');
  await expect(panel).toBeVisible();
  await expect.poll(async () => (await activeInPanel(page)).inPanel).toBe(true);
  for (const job of jobs) await expect(app.card(job.job_id)).toHaveAttribute('data-status', 'queued');

  // Tab to the first card's Cancel.
  let focused = await activeInPanel(page);
  for (let i = 0; i < 30 && !focused.label?.startsWith('Cancel '); i++) {
    await page.keyboard.press('Tab');
    focused = await activeInPanel(page);
  }
  expect(focused.label).toMatch(/^Cancel /);
  // WCAG 2.2 AA focus appearance: a solid outline of at least 2 px.
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { width: Number.parseFloat(style.outlineWidth), style: style.outlineStyle, color: style.outlineColor };
  });
  expect(outline.style).toBe('solid');
  expect(outline.width).toBeGreaterThanOrEqual(2);
  await app.screenshot('12-keyboard-focus-on-cancel');

  const cancelledTitle = focused.label!.replace(/^Cancel /, '');
  const card = page.locator('atl-task-card', { has: page.locator(`[aria-label="Cancel ${cancelledTitle}"]:focus`) });
  const cancelledId = await card.getAttribute('data-job-id');
  await page.keyboard.press('Enter');
  await expect(app.card(cancelledId!)).toHaveAttribute('data-status', 'cancelled');
  // Focus stays in the panel, on the card now in the cancelled one's place, not on the page body.
  await expect.poll(async () => activeInPanel(page)).toMatchObject({ inPanel: true, tag: 'atl-task-card' });
  const next = await page.evaluate(() => document.activeElement?.getAttribute('data-job-id'));
  expect(next).not.toBe(cancelledId);
  await page.keyboard.press('Tab');
  expect((await activeInPanel(page)).label).toMatch(/^(Cancel|Show details of) /);
  await app.expectAccessible('the task panel driven by the keyboard');

  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(fab).toBeFocused();
  await page.keyboard.press('Alt+t');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Alt+t');
  await expect(panel).toHaveCount(0);
  await expect(fab).toBeFocused();
}

test('a dismissal is the user’s, not the browser’s: another tab drops the card at once and a new tab never shows it', async ({ app, page, request, browser, storageState }) => {
  const kept = await submitAnalysis(request, 'hair-style');
  const dismissed = await submitAnalysis(request, 'accessories');
  for (const job of [kept, dismissed]) expect((await request.post(`/api/jobs/${job.job_id}/cancel`)).status()).toBe(200);

  const other = await browser.newContext({ storageState, baseURL: process.env['E2E_BASE_URL'] });
  try {
    const second = new ConsolePage(await other.newPage());
    await Promise.all([page.goto('/analyzers'), second.page.goto('/presets')]);
    await Promise.all([app.openTasks(), second.openTasks()]);
    for (const console of [app, second]) {
      await expect(console.card(kept.job_id)).toHaveAttribute('data-status', 'cancelled');
      await expect(console.card(dismissed.job_id)).toHaveAttribute('data-status', 'cancelled');
    }

    await app.card(dismissed.job_id).getByRole('button', { name: `Dismiss ${dismissed.title}` }).click();
    await expect(app.card(dismissed.job_id)).toHaveCount(0);
    // The other tab hears of it from the stream, without a reload.
    await expect(second.card(dismissed.job_id)).toHaveCount(0);
    await expect(second.card(kept.job_id)).toBeVisible();
    await second.screenshot('12-dismissed-in-another-tab');

    // A fresh tab starts from the server's rule.
    const third = new ConsolePage(await other.newPage());
    await third.page.goto('/jobs');
    await third.openTasks();
    await expect(third.card(kept.job_id)).toBeVisible();
    await expect(third.card(dismissed.job_id)).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test('a paused queue shows in the task manager’s header and on its waiting cards', async ({ app, page, request }) => {
  await page.goto('/analyzers');
  const panel = await app.openTasks();
  expect((await request.post('/api/queues/analyze/pause')).status()).toBe(200);
  await expect(panel.getByTestId('queue-paused')).toHaveText('Analyses paused');
  await expect(page.getByTestId('task-fab')).toHaveAttribute('aria-label', /analyses paused/);
  const job = await submitAnalysis(request, 'hair-color');
  await expect(app.card(job.job_id).getByTestId('task-step')).toHaveText('· Waiting: the analyses queue is paused');
  await app.screenshot('12-queue-paused');
  expect((await request.post('/api/queues/analyze/resume')).status()).toBe(200);
  await expect(panel.getByTestId('queue-paused')).toHaveCount(0);
});
