import { execFile } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { request, type APIRequestContext } from '@playwright/test';
import type { AsyncAcceptedResponse, Job } from '@atelier/contracts';
import { test as base } from './fixtures';
import { makePng } from './png-fixture';
import { E2E_ADMIN, consoleOrigin, signIn, type Credentials } from './sign-in';

/** Helpers of the access scenarios: members made by the admin, analyses sent over the API or with curl. */

export interface Member {
  readonly credentials: Credentials;
  readonly name: string;
}

export function e2eBaseUrl(): string {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('E2E_BASE_URL is unset: the global setup did not run.');
  return url;
}

/** An email nobody has used yet (a retry gets another). */
export function freshEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@atelier.test`;
}

/** The API as this user, through a session of its own, sending the console's origin. */
export async function apiAs(credentials: Credentials): Promise<APIRequestContext> {
  const baseURL = e2eBaseUrl();
  return request.newContext({ baseURL, storageState: await signIn(baseURL, credentials), extraHTTPHeaders: consoleOrigin(baseURL) });
}

/** A new member, created by the e2e admin. */
export async function createMember(name: string): Promise<Member> {
  const label = name.toLowerCase().replace(/\W+/g, '-');
  const credentials = { email: freshEmail(label), password: `e2e-${label}-password-${randomUUID().slice(0, 8)}` };
  const admin = await apiAs(E2E_ADMIN);
  try {
    const answer = await admin.post('/api/users', { data: { ...credentials, role: 'member', name } });
    if (answer.status() !== 201) throw new Error(`Creating ${credentials.email} answered ${answer.status()}: ${await answer.text()}`);
    return { credentials, name };
  } finally {
    await admin.dispose();
  }
}

/**
 * The console fixtures plus two members made for each test (only when it asks for them); with
 * `test.use(asMember)` the test runs as `member`. Made in fixtures, not in `beforeAll`: Playwright
 * resolves the context options, the signed-in session among them, before a `beforeAll` hook runs.
 */
export const test = base.extend<{ member: Member; otherMember: Member }>({
  member: async ({}, use) => use(await createMember('Ben Member')),
  otherMember: async ({}, use) => use(await createMember('Ada Member')),
});

export const asMember = { credentials: async ({ member }: { member: Member }, use: (c: Credentials) => Promise<void>) => use(member.credentials) };

/** A PNG the server has never seen (so no cached result ends the job at once). */
export function unseenPng(): Buffer {
  return makePng(randomInt(1_000_000));
}

/** Starts an analysis over the API as `api`'s principal and returns the queued job. */
export async function submitAnalysis(api: APIRequestContext, analyzer: string, priority?: number): Promise<Job> {
  const answer = await api.post(`/api/analyzers/${analyzer}/analyze?async_mode=true`, {
    multipart: {
      image: { name: `${analyzer}.png`, mimeType: 'image/png', buffer: unseenPng() },
      ...(priority === undefined ? {} : { priority: String(priority) }),
    },
  });
  if (answer.status() !== 202) throw new Error(`Starting ${analyzer} answered ${answer.status()}: ${await answer.text()}`);
  return ((await answer.json()) as AsyncAcceptedResponse).job;
}

export interface CurlAnswer {
  readonly status: number;
  readonly body: string;
}

/** Uploads a fresh PNG with the real curl, authenticated by an API key. */
export async function curlAnalyze(url: string, apiKey: string): Promise<CurlAnswer> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-e2e-curl-'));
  const image = join(dir, 'photo.png');
  writeFileSync(image, unseenPng());
  try {
    const { stdout } = await promisify(execFile)('curl', ['-s', '-w', '\n%{http_code}', '-H', `Authorization: Bearer ${apiKey}`, '-F', `image=@${image};type=image/png`, url]);
    const cut = stdout.lastIndexOf('\n');
    return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
