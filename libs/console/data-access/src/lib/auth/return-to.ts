const SIGN_IN_PAGES = /^\/(?:login|setup)(?:[/?#]|$)/;

/**
 * Where to go after signing in: a path of this console, never another site (`//host`, `/\host`) nor
 * a sign-in page itself; `/` otherwise.
 */
export function safeReturnTo(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\') || SIGN_IN_PAGES.test(raw)) return '/';
  return raw;
}

/** The login page's URL, remembering where to come back to (nothing when that is the start page). */
export function loginPath(returnTo: string | null | undefined): string {
  const target = safeReturnTo(returnTo);
  return target === '/' ? '/login' : `/login?return_to=${encodeURIComponent(target)}`;
}
