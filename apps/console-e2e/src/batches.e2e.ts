import type { Job } from '@atelier/contracts';
import { expect, test } from './support/fixtures';
import { makePng } from './support/png-fixture';

/** "Analyze many": several images as one batch, one card in the task manager that ends with every job completed. */
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height }, ...(viewport.name === 'phone' ? { isMobile: true, hasTouch: true } : {}) });

    test('Analyze many sends several images as one batch, shown as one card until all its jobs completed', async ({ app, page }) => {
      test.setTimeout(180_000);
      const seed = Date.now() % 100_000;
      const images = [0, 1, 2].map((i) => ({ name: `batch-${viewport.name}-${i}.png`, mimeType: 'image/png', buffer: makePng(seed + i) }));
      const notAnImage = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') };

      await page.goto('/analyzers');
      await page.getByTestId('analyze-many').click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('heading', { name: 'Analyze many images' })).toBeVisible();
      await dialog.getByTestId('batch-files-input').setInputFiles([...images, notAnImage]);
      await expect(dialog.getByTestId('batch-summary')).toContainText('3 images');
      await expect(dialog.getByTestId('batch-skipped')).toContainText('notes.txt (not a JPEG, PNG, WebP or GIF image)');
      await expect(dialog.getByTestId('batch-file')).toHaveCount(3);
      await expect(dialog.getByTestId('batch-submit')).toBeDisabled();
      await dialog.locator('[data-analyzer="makeup"]').getByRole('checkbox').check();
      await app.expectAccessible(`the Analyze many dialog at ${viewport.width} px`);
      await app.screenshot(`13-analyze-many-${viewport.name}`);

      const answer = page.waitForResponse((r) => r.url().endsWith('/api/batches') && r.request().method() === 'POST');
      await dialog.getByTestId('batch-submit').click();
      const response = await answer;
      expect(response.status()).toBe(202);
      const batch = ((await response.json()) as { job: Job }).job;
      expect(batch.type).toBe('batch');
      expect(batch.child_ids).toHaveLength(3);
      await expect(page.getByRole('dialog')).toHaveCount(0);

      const panel = await app.openTasks();
      const card = app.card(batch.job_id);
      await expect(card).toBeVisible();
      // One card for the batch, none for its jobs.
      for (const id of batch.child_ids) await expect(app.card(id)).toHaveCount(0);
      await card.getByRole('button', { name: /^Show details of/ }).click();
      await expect(card.getByTestId('batch-child')).toHaveCount(3);
      await app.screenshot(`13-batch-card-${viewport.name}`);

      await expect(card).toHaveAttribute('data-status', 'completed', { timeout: 150_000 });
      await expect(card.locator('.title')).toHaveText('Batch (3/3)');
      await expect(card.getByTestId('task-step')).toContainText('3 of 3 completed');
      await expect(card.locator('[data-testid="batch-child"][data-status="completed"]')).toHaveCount(3);
      await expect(panel.locator('atl-task-card')).toHaveCount(1);
      await app.expectAccessible(`the batch card at ${viewport.width} px`);
      await app.screenshot(`13-batch-completed-${viewport.name}`);
    });
  });
}
