// The bench talks to the server as an integration does: with an API key of the first admin, sent as a Bearer token.

const ADMIN = { email: 'bench@atelier.test', password: 'a long bench admin password' };

/**
 * The first admin, made at boot; and request rates and job quotas far above what any scenario
 * sends, so the bench measures the server, not its limits (P1 alone queues thousands of jobs).
 */
export const ACCESS_ENV = {
  ATELIER_ADMIN_EMAIL: ADMIN.email,
  ATELIER_ADMIN_PASSWORD: ADMIN.password,
  RATE_LIMIT_PER_MINUTE: '1000000',
  JOB_QUOTA_PER_USER: '1000000',
};

/** Signs in as the first admin (session cookie, from the server's own origin) and answers a new API key. */
export async function createApiKey(url) {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (login.status !== 200) throw new Error(`POST /api/auth/login answered ${login.status}: ${(await login.text()).slice(0, 300)}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${url}/api/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: new URL(url).origin },
    body: JSON.stringify({ name: 'bench' }),
  });
  if (res.status !== 201) throw new Error(`POST /api/api-keys answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()).key;
}
