import { expect, test } from './support/fixtures';

test('a generic analysis runs as a task and its preset shows on the Presets page', async ({ app, page }) => {
  await page.goto('/analyzers');
  const dialog = await app.openAnalyzer('hair-color');
  await app.upload(dialog);
  const job = await app.submit(dialog);

  // The dialog closes at once; the task appears in the task manager.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await app.openTasks();
  const card = app.card(job.job_id);
  await expect(card).toBeVisible();

  // Its progress rises while it runs, with a step label, then it completes.
  await expect(card).toHaveAttribute('data-status', 'running');
  await expect.poll(() => app.percent(card)).toBeGreaterThan(0);
  await expect(card.getByTestId('task-step')).toContainText(/Step \d\/\d/);
  await app.screenshot('1-generic-running');
  await expect(card).toHaveAttribute('data-status', 'completed', { timeout: 20_000 });
  await expect(card.getByTestId('task-percent')).toHaveText('100%');
  // The notice names the analysis and its file ("Hair color analysis of image.png completed").
  await expect(page.getByText(new RegExp(`^${job.title}( of .+)? completed$`)).first()).toBeVisible();

  // A completed card stays for the server's "recent" window (every tab agrees); Dismiss takes it out now.
  await card.getByRole('button', { name: `Dismiss ${job.title}` }).click();
  await expect(card).toHaveCount(0, { timeout: 10_000 });

  const done = await (await page.request.get(`/api/jobs/${job.job_id}`)).json();
  const presetId: string = done.result.preset_id;
  await app.closeTasks();
  await page.getByRole('link', { name: 'Presets' }).click();
  const presetCard = page.getByTestId('preset-card').filter({ has: page.locator(`a[href="/presets/${presetId}"]`) });
  await expect(presetCard).toBeVisible();
  await expect(presetCard).toHaveAttribute('data-category', 'hair-color');
  await expect(presetCard.getByText('Offline', { exact: true })).toBeVisible();
  await app.screenshot('1-generic-presets');
  await app.expectAccessible('the Presets page');

  // The detail view shows the structured data, with palette swatches as color chips.
  await presetCard.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.swatch').first()).toBeVisible();
  await app.screenshot('1-generic-preset-detail');
  await app.expectAccessible('the preset detail page');
});
