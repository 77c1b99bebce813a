import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AsyncAcceptedResponse, Job, JobList } from '@atelier/contracts';
import { makePng } from './png-fixture';
import { E2E_ADMIN, consoleOrigin, signIn, type Credentials } from './sign-in';

const SCREENSHOTS = resolve(__dirname, '../../../../dist/e2e-screenshots');
let imageSeed = Math.floor(Math.random() * 1000);

/** Page helpers shared by the scenarios: start analyses, find task cards, scan and screenshot. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  /** Opens an analyzer's dialog from the Analyzers page. */
  async openAnalyzer(name: string): Promise<Locator> {
    if (!this.page.url().endsWith('/analyzers')) await this.page.goto('/analyzers');
    await this.page.getByTestId(`analyzer-card-${name}`).getByRole('button', { name: /^Analyze/ }).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Uploads a fresh image (never seen by the server, so no cached result) into the open dialog. */
  async upload(dialog: Locator): Promise<void> {
    imageSeed += 1;
    await dialog.getByTestId('image-input').setInputFiles({ name: `e2e-${imageSeed}.png`, mimeType: 'image/png', buffer: makePng(imageSeed) });
    await expect(dialog.getByRole('img', { name: /^Preview of/ })).toBeVisible();
  }

  /** Presses the dialog's Analyze button and returns the queued job from the 202 answer. */
  async submit(dialog: Locator): Promise<Job> {
    const answer = this.page.waitForResponse((r) => r.url().includes('/analyze?async_mode=true') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /^Analyze/ }).click();
    const response = await answer;
    expect(response.status()).toBe(202);
    return ((await response.json()) as AsyncAcceptedResponse).job;
  }

  async startAnalysis(name: string): Promise<Job> {
    const dialog = await this.openAnalyzer(name);
    await this.upload(dialog);
    const job = await this.submit(dialog);
    await expect(this.page.getByRole('dialog')).toHaveCount(0);
    return job;
  }

  async openTasks(): Promise<Locator> {
    const panel = this.page.getByTestId('task-panel');
    if (!(await panel.isVisible())) await this.page.getByTestId('task-fab').click();
    await expect(panel).toBeVisible();
    return panel;
  }

  /** Closes the panel from the keyboard; focus goes back to the task button. */
  async closeTasks(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByTestId('task-panel')).toHaveCount(0);
    await expect(this.page.getByTestId('task-fab')).toBeFocused();
  }

  card(jobId: string): Locator {
    return this.page.locator(`atl-task-card[data-job-id="${jobId}"]`);
  }

  async percent(card: Locator): Promise<number> {
    return Number.parseInt((await card.getByTestId('task-percent').textContent()) ?? '0', 10);
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  /** axe-core scan: no serious or critical violation. */
  async expectAccessible(context: string): Promise<void> {
    const results = await new AxeBuilder({ page: this.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
    expect(report, `accessibility of ${context}`).toEqual([]);
  }
}

/** Every scenario starts from an empty job list, so only its own cards are on screen. */
async function clearJobs(request: APIRequestContext): Promise<void> {
  const { jobs } = (await (await request.get('/api/jobs?limit=200')).json()) as JobList;
  const topLevel = jobs.filter((j) => !j.parent_id);
  for (const job of topLevel.filter((j) => j.status === 'queued' || j.status === 'running')) {
    await request.post(`/api/jobs/${job.job_id}/cancel`);
  }
  for (const job of topLevel) await request.delete(`/api/jobs/${job.job_id}`);
}

export const test = base.extend<{ app: ConsolePage; credentials: Credentials | null }>({
  baseURL: async ({}, use) => use(process.env['E2E_BASE_URL']),
  /** Who the test runs as: the first admin unless `test.use({ credentials })` says otherwise; null: signed out. */
  credentials: [E2E_ADMIN, { option: true }],
  /** Each test starts with a session of its own: the cookie of an API sign-in, in the browser context. */
  storageState: async ({ baseURL, credentials }, use) => use(credentials ? await signIn(baseURL!, credentials) : { cookies: [], origins: [] }),
  /** The API as the same user, sending the console's origin as the browser would (cookie-authenticated writes need it). */
  request: async ({ playwright, baseURL, storageState }, use) => {
    const context = await playwright.request.newContext({ baseURL, storageState, extraHTTPHeaders: consoleOrigin(baseURL!) });
    await use(context);
    await context.dispose();
  },
  app: async ({ page, request }, use) => {
    await clearJobs(request);
    await use(new ConsolePage(page));
  },
});

export { expect };
export { E2E_ADMIN, signIn, type Credentials } from './sign-in';
