import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import type { AsyncAcceptedResponse } from '@atelier/contracts';
import { expect, test } from './support/fixtures';
import { makePng } from './support/png-fixture';

/** Settings → Webhooks: add one (secret shown once), deliveries as they happen, redeliver, rotate the secret, delete. */
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A real HTTP receiver on the loopback that answers 204 and keeps what it was sent. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/atelier-hook`, received, server };
}

/** Whether a delivery verifies with `secret` (the Standard Webhooks reference implementation). */
function signedWith(secret: string, delivery: Received): boolean {
  try {
    new StandardWebhook(secret).verify(delivery.body, {
      'webhook-id': String(delivery.headers['webhook-id']),
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    });
    return true;
  } catch {
    return false;
  }
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height }, ...(viewport.name === 'phone' ? { isMobile: true, hasTouch: true } : {}) });

    test('a webhook is added with its secret shown once, delivers signed events, is redelivered, rotated and deleted', async ({ app, page, request }) => {
      test.setTimeout(150_000);
      const receiver = await startReceiver();
      try {
        await page.goto('/settings/webhooks');
        await expect(page.getByTestId('settings-tab-webhooks')).toBeVisible();
        await page.getByTestId('webhook-new').click();
        let dialog = page.getByRole('dialog');

        // The server's refusal of a URL shows on the URL field, in its words.
        await dialog.getByTestId('webhook-url').fill('http://someone:secret@127.0.0.1/hook');
        await dialog.getByTestId('webhook-save').click();
        await expect(dialog.getByTestId('webhook-url-error')).toContainText('must not hold a user name or password');

        await dialog.getByTestId('webhook-url').fill(receiver.url);
        await dialog.locator('[data-event="job.cancelled"]').getByRole('checkbox').uncheck();
        await dialog.getByTestId('webhook-description').fill(`e2e ${viewport.name}`);
        await dialog.getByTestId('webhook-save').click();

        dialog = page.getByRole('dialog');
        await expect(dialog.getByRole('heading', { name: 'Webhook added' })).toBeVisible();
        await expect(dialog).toContainText("You won't see it again");
        const secret = ((await dialog.getByTestId('webhook-secret').textContent()) ?? '').trim();
        expect(secret).toMatch(/^whsec_/);
        await app.expectAccessible(`the new webhook's secret at ${viewport.width} px`);
        await app.screenshot(`13-webhook-secret-${viewport.name}`);
        await dialog.getByTestId('webhook-secret-done').click();
        await expect(page.getByRole('dialog')).toHaveCount(0);

        const row = page.getByTestId('webhook-row').filter({ hasText: receiver.url });
        await expect(row).toHaveCount(1);
        await expect(row.getByTestId('webhook-events')).toHaveText('Job completed, Job failed');
        // The secret is not shown again anywhere.
        await expect(page.getByText(secret)).toHaveCount(0);

        // A job that completes is delivered, signed with that secret.
        const analysis = await request.post('/api/analyzers/makeup/analyze?async_mode=true', {
          multipart: { image: { name: `hook-${viewport.name}.png`, mimeType: 'image/png', buffer: makePng(Date.now() % 100_000) } },
        });
        expect(analysis.status()).toBe(202);
        const job = ((await analysis.json()) as AsyncAcceptedResponse).job;
        await expect.poll(() => receiver.received.length, { timeout: 90_000 }).toBeGreaterThan(0);
        expect(signedWith(secret, receiver.received[0])).toBe(true);
        expect(JSON.parse(receiver.received[0].body)).toMatchObject({ type: 'job.completed', data: { job_id: job.job_id } });

        await row.getByTestId('webhook-url-link').click();
        await expect(page.getByTestId('webhook-heading')).toContainText(receiver.url);
        const delivery = page.getByTestId('delivery-row').first();
        await expect(delivery.getByTestId('delivery-status')).toHaveText('Delivered');
        await expect(delivery.getByTestId('delivery-code')).toHaveText('204');
        await expect(delivery.getByTestId('delivery-job')).toHaveAttribute('href', `/jobs/${job.job_id}`);
        await app.expectAccessible(`the delivery log at ${viewport.width} px`);
        await app.screenshot(`13-webhook-deliveries-${viewport.name}`);

        // Redeliver: the same event again, with the same webhook-id.
        await delivery.getByRole('button', { name: /^Redeliver/ }).click();
        await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(2);
        expect(receiver.received[1].headers['webhook-id']).toBe(receiver.received[0].headers['webhook-id']);
        await expect(delivery.getByTestId('delivery-status')).toHaveText('Delivered', { timeout: 20_000 });

        // Rotate: confirmed, the new secret is shown once and differs.
        await page.getByTestId('webhooks-back').click();
        await row.getByRole('button', { name: `Rotate the secret of ${receiver.url}` }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Rotate' }).click();
        dialog = page.getByRole('dialog');
        await expect(dialog.getByRole('heading', { name: 'New signing secret' })).toBeVisible();
        const rotated = ((await dialog.getByTestId('webhook-secret').textContent()) ?? '').trim();
        expect(rotated).toMatch(/^whsec_/);
        expect(rotated).not.toBe(secret);
        await dialog.getByTestId('webhook-secret-done').click();

        // Delete: confirmed, the row leaves.
        await row.getByRole('button', { name: `Delete ${receiver.url}` }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
        await expect(row).toHaveCount(0);
        await app.screenshot(`13-webhooks-after-delete-${viewport.name}`);
      } finally {
        await new Promise((done) => receiver.server.close(done));
      }
    });
  });
}
