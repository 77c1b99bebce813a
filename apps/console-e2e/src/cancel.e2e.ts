import { expect, test } from './support/fixtures';

test('a running job is cancelled from its card, then can be retried', async ({ app, page }) => {
  await page.goto('/analyzers');
  const job = await app.startAnalysis('art-style');
  await app.openTasks();
  const card = app.card(job.job_id);
  await expect(card).toHaveAttribute('data-status', 'running');

  await card.getByRole('button', { name: `Cancel ${job.title}` }).click();
  await expect(card).toHaveAttribute('data-status', 'cancelled');
  await expect(card.getByTestId('task-status')).toHaveText('Cancelled');
  await expect(card.getByRole('button', { name: `Retry ${job.title}` })).toBeVisible();
  await expect(card.getByRole('button', { name: `Dismiss ${job.title}` })).toBeVisible();
  await expect(card.getByRole('button', { name: /^Cancel/ })).toHaveCount(0);
  await app.screenshot('3-cancelled');

  const stored = await (await page.request.get(`/api/jobs/${job.job_id}`)).json();
  expect(stored.status).toBe('cancelled');

  // The Jobs page deletes it in bulk, after a confirmation.
  await app.closeTasks();
  await page.goto('/jobs?status=cancelled');
  const row = page.getByTestId('job-row').filter({ hasText: job.title });
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Delete (1)' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
  expect((await page.request.get(`/api/jobs/${job.job_id}`)).status()).toBe(404);
});
