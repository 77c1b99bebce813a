import { expect, test } from './support/fixtures';

test('every page passes axe-core and the task manager works from the keyboard', async ({ app, page }) => {
  for (const path of ['/analyzers', '/presets', '/jobs']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await app.expectAccessible(path);
  }

  await page.goto('/analyzers');
  const fab = page.getByTestId('task-fab');
  await fab.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('task-panel');
  await expect(panel).toBeVisible();
  await expect(fab).toHaveAttribute('aria-expanded', 'true');
  await app.expectAccessible('the open task panel');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(fab).toBeFocused();

  const dialog = await app.openAnalyzer('outfit');
  await app.expectAccessible('the outfit dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
