import { expect, test } from './support/fixtures';

test('a comprehensive analysis of three analyses shows (k/3) and its children', async ({ app, page }) => {
  await page.goto('/analyzers');
  const dialog = await app.openAnalyzer('comprehensive');
  const all = dialog.getByRole('checkbox', { name: /^All analyses/ });
  await expect(all).toBeChecked(); // everything is selected by default
  await all.uncheck();
  for (const name of ['Hair color', 'Makeup', 'Expression']) await dialog.getByRole('checkbox', { name, exact: true }).check();
  await expect(dialog.getByRole('button', { name: 'Analyze (3)' })).toBeDisabled(); // no image yet
  await app.upload(dialog);
  await expect(dialog.getByRole('button', { name: 'Analyze (3)' })).toBeEnabled();
  const parent = await app.submit(dialog);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await app.openTasks();
  const card = app.card(parent.job_id);
  await expect(card.getByRole('heading')).toHaveText(/\([0-3]\/3\)/);
  await card.getByRole('button', { name: /^Show details of/ }).click();
  const children = card.getByTestId('task-child');
  await expect(children).toHaveCount(3);
  await expect(page.locator('atl-task-card[data-status]')).toHaveCount(1); // children live inside their parent
  await app.screenshot('2-comprehensive-running');

  await expect(card.getByRole('heading')).toHaveText(/\(3\/3\)/, { timeout: 30_000 });
  await expect(card).toHaveAttribute('data-status', 'completed');
  await expect(children.and(page.locator('[data-status="completed"]'))).toHaveCount(3);
  await expect(card.getByTestId('task-preset-link')).toHaveCount(3);
  await app.screenshot('2-comprehensive-done');
});
