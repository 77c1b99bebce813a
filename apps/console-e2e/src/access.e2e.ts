import { request as playwrightRequest } from '@playwright/test';
import type { AsyncAcceptedResponse, CreatedApiKey, User } from '@atelier/contracts';
import { apiAs, asMember, curlAnalyze, e2eBaseUrl, freshEmail, submitAnalysis, test } from './support/access';
import { ConsolePage, expect, signIn } from './support/fixtures';

/** Issue #11 in the browser: sign-in and sign-out, per-member visibility, API keys used with curl, SSO. */

test.describe('signed out', () => {
  test.use({ credentials: null });

  test('a signed-out visit goes to sign-in, which refuses a wrong password, then returns to the page; signing out ends the session', async ({ page, member }) => {
    const { email, password } = member.credentials;
    const app = new ConsolePage(page);
    await page.goto('/jobs');
    await expect(page).toHaveURL(/\/login\?return_to=%2Fjobs$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Atelier' })).toBeVisible();
    await expect(page.getByTestId('login-sso')).toBeVisible();
    await app.screenshot('7-login');
    await app.expectAccessible('the sign-in page');

    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(`${password}-wrong`);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toHaveText('Wrong email or password.');
    await expect(page).toHaveURL(/\/login\?return_to=%2Fjobs$/);

    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(/\/jobs$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
    const menu = page.getByTestId('user-menu');
    await expect(menu).toHaveAccessibleName(`Account: ${member.name}, Member`);
    const session = await page.context().storageState();

    await menu.click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByTestId('login-submit')).toBeVisible();
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    // The cookie the browser held is dead on the server, not only forgotten by the browser.
    const replay = await playwrightRequest.newContext({ baseURL: e2eBaseUrl(), storageState: session });
    try {
      expect((await replay.get('/api/auth/me')).status()).toBe(401);
    } finally {
      await replay.dispose();
    }
  });

  test('Sign in with SSO through the real OpenID Connect provider maps its group to the operator role', async ({ page }) => {
    const issuer = process.env['E2E_OIDC_ISSUER'];
    if (!issuer) throw new Error('E2E_OIDC_ISSUER is unset: the global setup did not start the OIDC provider.');
    const person = { email: freshEmail('sso'), name: 'Sasha Sso' };

    await page.goto('/jobs');
    await expect(page).toHaveURL(/\/login\?return_to=%2Fjobs$/);
    await page.getByRole('button', { name: 'Sign in with SSO' }).click();

    await expect(page).toHaveURL((url) => url.origin === issuer && url.pathname.startsWith('/interaction/'));
    const login = page.locator('form[data-prompt="login"]');
    await login.locator('input[name="email"]').fill(person.email);
    await login.locator('input[name="email_verified"]').fill('true');
    await login.locator('input[name="name"]').fill(person.name);
    await login.locator('input[name="groups"]').fill('atelier-ops');
    await login.getByRole('button', { name: 'Sign in' }).click();

    // The provider asks for consent on a first grant; it may also skip it.
    const consent = page.locator('form[data-prompt="consent"]');
    const menu = page.getByTestId('user-menu');
    await expect(consent.or(menu)).toBeVisible();
    if (await consent.isVisible()) await consent.getByRole('button', { name: 'Allow' }).click();

    await expect(page).toHaveURL(`${e2eBaseUrl()}/jobs`);
    await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
    await expect(menu).toHaveAccessibleName(`Account: ${person.name}, Operator`);
    await menu.click();
    await expect(page.getByTestId('user-menu-name')).toHaveText(person.name);
    await expect(page.getByTestId('user-menu-role')).toHaveText('Operator');
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(200);
    expect((await me.json()) as User).toMatchObject({ email: person.email, name: person.name, role: 'operator' });
  });
});

test.describe('a member', () => {
  test.use(asMember);

  test("sees neither in Jobs nor in the task manager another member's job, which answers 404; its owner sees it", async ({ app, page, request, browser, otherMember }) => {
    const asOwner = await apiAs(otherMember.credentials);
    try {
      const before = await submitAnalysis(asOwner, 'makeup');
      await page.goto('/jobs');
      await app.openTasks();
      // Sent while this member watches the stream; its own job, sent after, shows the stream has delivered past it.
      const during = await submitAnalysis(asOwner, 'makeup');
      const mine = await submitAnalysis(request, 'outfit');
      // Counted at once, not awaited: a leaked card would also leave the panel by itself once its job completes.
      await expect(app.card(mine.job_id)).toBeVisible();
      expect(await app.card(before.job_id).count()).toBe(0);
      expect(await app.card(during.job_id).count()).toBe(0);
      await app.closeTasks();

      await page.reload();
      const rows = page.getByTestId('job-row');
      await expect(rows.filter({ hasText: 'Outfit analysis' })).toHaveCount(1);
      expect(await rows.filter({ hasText: 'Makeup analysis' }).count()).toBe(0);
      for (const theirs of [before, during]) {
        expect((await request.get(`/api/jobs/${theirs.job_id}`)).status()).toBe(404);
        expect((await asOwner.get(`/api/jobs/${theirs.job_id}`)).status()).toBe(200);
      }

      const ownerContext = await browser.newContext({ baseURL: e2eBaseUrl(), storageState: await signIn(e2eBaseUrl(), otherMember.credentials) });
      try {
        const ownerPage = await ownerContext.newPage();
        await ownerPage.goto('/jobs');
        const ownerRows = ownerPage.getByTestId('job-row');
        await expect(ownerRows.filter({ hasText: 'Makeup analysis' })).toHaveCount(2);
        expect(await ownerRows.filter({ hasText: 'Outfit analysis' }).count()).toBe(0);
      } finally {
        await ownerContext.close();
      }
    } finally {
      await asOwner.dispose();
    }
  });
});

test.describe('API keys', () => {
  test.use(asMember);

  test('a key made in Settings, shown once, starts an analysis with curl that the task manager shows; revoked, curl gets 401', async ({ app, page }) => {
    const name = 'curl integration';
    const analyze = `${e2eBaseUrl()}/api/analyzers/hair-color/analyze?async_mode=true`;
    await page.goto('/settings/api-keys');
    await expect(page.getByText('No API keys yet.')).toBeVisible();

    await page.getByTestId('api-key-new').click();
    const form = page.getByRole('dialog').filter({ hasText: 'New API key' });
    await form.getByTestId('api-key-name').fill(name);
    const creation = page.waitForResponse((r) => r.url().endsWith('/api/api-keys') && r.request().method() === 'POST');
    await form.getByTestId('api-key-create').click();
    const created = await creation;
    expect(created.status()).toBe(201);
    const { prefix } = (await created.json()) as CreatedApiKey;
    const shown = page.getByRole('dialog').filter({ hasText: `API key “${name}” created` });
    const secret = (await shown.getByTestId('api-key-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^atelier_/);
    await app.screenshot('7-api-key-created');
    await shown.getByTestId('api-key-done').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const row = page.getByTestId('api-key-row').filter({ hasText: name });
    expect(secret.startsWith(prefix)).toBe(true);
    await expect(row).toContainText(`${prefix}…`);

    await app.openTasks();
    const started = await curlAnalyze(analyze, secret);
    expect(started.status, started.body).toBe(202);
    const { job } = JSON.parse(started.body) as AsyncAcceptedResponse;
    await expect(app.card(job.job_id)).toBeVisible();
    await app.closeTasks();

    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: 'Revoke this API key?' });
    const revocation = page.waitForResponse((r) => r.url().includes('/api/api-keys/') && r.request().method() === 'DELETE');
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    expect((await revocation).status()).toBe(204);
    await expect(row).toHaveCount(0);
    const refused = await curlAnalyze(analyze, secret);
    expect(refused.status, refused.body).toBe(401);
  });
});

test('Settings (API keys, the new-key form, Users) passes axe-core', async ({ app, page }) => {
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'API keys' }).or(page.getByText('No API keys yet.'))).toBeVisible();
  await app.screenshot('7-settings-api-keys');
  await app.expectAccessible('Settings → API keys');

  await page.getByTestId('api-key-new').click();
  await expect(page.getByRole('dialog').getByTestId('api-key-name')).toBeVisible();
  await app.expectAccessible('the new API key form');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByTestId('settings-tab-users').click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  await expect(page.getByTestId('user-row').first()).toBeVisible();
  await app.screenshot('7-settings-users');
  await app.expectAccessible('Settings → Users');
});
