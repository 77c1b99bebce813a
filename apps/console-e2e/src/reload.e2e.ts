import { expect, test } from './support/fixtures';

test('after a reload mid-job the card is back with the right progress', async ({ app, page }) => {
  await page.goto('/analyzers');
  const job = await app.startAnalysis('expression');
  await app.openTasks();
  const card = app.card(job.job_id);
  await expect.poll(() => app.percent(card)).toBeGreaterThan(0);
  const before = await app.percent(card);

  await page.reload();
  await app.openTasks();
  const again = app.card(job.job_id);
  await expect(again).toHaveCount(1);
  // Still running, unless a busy machine took longer to reload than the job had left.
  await expect(again).toHaveAttribute('data-status', /^(running|completed)$/);
  expect(await app.percent(again)).toBeGreaterThanOrEqual(before);
  const server = await (await page.request.get(`/api/jobs/${job.job_id}`)).json();
  expect(await app.percent(again)).toBeLessThanOrEqual(Math.round(server.progress * 100));
  await app.screenshot('5-after-reload');
  await expect(again).toHaveAttribute('data-status', 'completed', { timeout: 20_000 });
  await expect(page.locator(`atl-task-card[data-job-id="${job.job_id}"]`)).toHaveCount(1);
});
