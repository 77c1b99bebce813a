/** Signing in to a real server as its first admin, as an integration does: an API key sent as a Bearer token. */

export const ADMIN = { email: 'admin@atelier.test', password: 'a long test admin password' };

/**
 * What a test server needs besides its own settings: the first admin made at boot, and request
 * rates and job quotas out of the way of tests that are not about them.
 */
export const ACCESS_ENV: Record<string, string> = {
  ATELIER_ADMIN_EMAIL: ADMIN.email,
  ATELIER_ADMIN_PASSWORD: ADMIN.password,
  RATE_LIMIT_PER_MINUTE: '1000000',
  JOB_QUOTA_PER_USER: '1000000',
};

/** Signs in as the first admin (session cookie, from the server's own origin) and answers a new API key. */
export async function loginAsAdmin(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const created = await fetch(`${url}/api/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: new URL(url).origin },
    body: JSON.stringify({ name: 'tests' }),
  });
  if (created.status !== 201) throw new Error(`POST /api/api-keys answered ${created.status}: ${await created.text()}`);
  return ((await created.json()) as { key: string }).key;
}

export function authHeaders(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}
