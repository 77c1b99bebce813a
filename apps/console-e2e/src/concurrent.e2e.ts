import { expect, test } from './support/fixtures';

test('three analyses started back to back all run and complete', async ({ app, page }) => {
  await page.goto('/analyzers');
  const jobs = [];
  for (const name of ['visual-style', 'hair-style', 'accessories']) jobs.push(await app.startAnalysis(name));

  await app.openTasks();
  await expect(page.getByTestId('task-fab')).toHaveAttribute('aria-label', /Tasks: 3 running/);
  for (const job of jobs) await expect(app.card(job.job_id)).toHaveAttribute('data-status', 'running');
  await app.screenshot('4-task-manager-three-running');
  await app.expectAccessible('the task manager with running tasks');

  // Each completes (completed cards then leave the panel after a few seconds).
  for (const job of jobs) {
    await expect
      .poll(async () => (await (await page.request.get(`/api/jobs/${job.job_id}`)).json()).status, { timeout: 30_000 })
      .toBe('completed');
  }
  await app.closeTasks();
  await page.getByRole('link', { name: 'Jobs' }).click();
  const rows = page.getByTestId('job-row');
  for (const job of jobs) await expect(rows.filter({ hasText: job.title }).first()).toContainText('Completed');
  await app.screenshot('4-jobs-page');
  await app.expectAccessible('the Jobs page');

  // A row opens the detail drawer.
  await rows.filter({ hasText: jobs[0].title }).getByRole('button', { name: jobs[0].title }).click();
  const drawer = page.getByTestId('job-drawer');
  await expect(drawer.getByRole('heading', { name: jobs[0].title })).toBeVisible();
  await expect(drawer.getByText(jobs[0].job_id)).toBeVisible();
  await app.screenshot('4-job-drawer');
  await drawer.getByRole('button', { name: 'Close details' }).click();
  await expect(page).not.toHaveURL(/job=/);
});
