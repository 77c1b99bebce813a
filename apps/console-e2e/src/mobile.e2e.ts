import { expect, test } from './support/fixtures';
import { consoleOrigin } from './support/sign-in';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

// The analyses wait while paused (so the card can be cancelled before it ends on a busy machine); resumed whatever happens.
test.afterEach(async ({ playwright, baseURL, storageState }) => {
  const api = await playwright.request.newContext({ baseURL, storageState, extraHTTPHeaders: consoleOrigin(baseURL!) });
  await api.post('/api/queues/analyze/resume');
  await api.dispose();
});

test('at 360 px the task manager is a bottom sheet and everything stays usable', async ({ app, page, request }) => {
  expect((await request.post('/api/queues/analyze/pause')).status()).toBe(200);
  await page.goto('/analyzers');
  await app.expectAccessible('the Analyzers page at 360 px');
  const job = await app.startAnalysis('makeup');

  const panel = await app.openTasks();
  // Full width and docked to the bottom once it has slid in.
  await expect.poll(async () => {
    const box = await panel.boundingBox();
    return box && [Math.round(box.width), Math.round(box.y + box.height)];
  }).toEqual([360, 740]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const card = app.card(job.job_id);
  await expect(card).toHaveAttribute('data-status', 'queued');
  await card.getByRole('button', { name: /^Show details of/ }).click();
  await expect(card.getByRole('button', { name: 'Copy job id' })).toBeVisible();
  await app.screenshot('6-mobile-sheet');

  await card.getByRole('button', { name: `Cancel ${job.title}` }).click();
  await expect(card).toHaveAttribute('data-status', 'cancelled');
  await expect(card.getByRole('button', { name: `Retry ${job.title}` })).toBeVisible();
  await app.expectAccessible('the task sheet at 360 px');
  await panel.getByRole('button', { name: 'Close tasks' }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('task-fab')).toBeFocused();

  await page.getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByTestId('job-row').first()).toBeVisible();
  await app.screenshot('6-mobile-jobs');
});
