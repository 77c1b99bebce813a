import { expect, test } from './support/fixtures';

test('every page passes axe-core and the task manager works from the keyboard', async ({ app, page }) => {
  // Five axe scans of whole pages: seconds each on a busy machine.
  test.setTimeout(120_000);
  for (const path of ['/analyzers', '/presets', '/jobs']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await app.expectAccessible(path);
  }

  await page.goto('/analyzers');
  const fab = page.getByTestId('task-fab');
  await expect(fab).toHaveAttribute('aria-keyshortcuts', 'Alt+T');
  await fab.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('task-panel');
  await expect(panel).toBeVisible();
  await expect(fab).toHaveAttribute('aria-expanded', 'true');
  await app.expectAccessible('the open task panel');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(fab).toBeFocused();
  // The shortcut opens the panel from anywhere and moves focus into it.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Alt+t');
  await expect(panel).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tasks' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(fab).toBeFocused();

  const dialog = await app.openAnalyzer('outfit');
  await app.expectAccessible('the outfit dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
