import { request, type APIRequestContext } from '@playwright/test';

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

/** The first admin, created by the e2e server at boot (ATELIER_ADMIN_EMAIL / ATELIER_ADMIN_PASSWORD). */
export const E2E_ADMIN: Credentials = { email: 'admin@atelier.test', password: 'e2e-admin-password-0001' };

export type StorageState = Awaited<ReturnType<APIRequestContext['storageState']>>;

/**
 * What a cookie-authenticated request must carry to change anything: the console's own origin
 * (the server refuses other origins as cross-site, `403 csrf`). Browsers send it by themselves.
 */
export function consoleOrigin(baseURL: string): Record<string, string> {
  return { Origin: new URL(baseURL).origin };
}

/** Signs in over the API and returns the storage state holding the session cookie, for a browser or a request context. */
export async function signIn(baseURL: string, credentials: Credentials): Promise<StorageState> {
  const context = await request.newContext({ baseURL, extraHTTPHeaders: consoleOrigin(baseURL) });
  try {
    const answer = await context.post('/api/auth/login', { data: { email: credentials.email, password: credentials.password } });
    if (answer.status() !== 200) throw new Error(`Signing in as ${credentials.email} answered ${answer.status()}: ${await answer.text()}`);
    return await context.storageState();
  } finally {
    await context.dispose();
  }
}
