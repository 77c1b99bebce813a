const BASE = 'http://atelier.invalid';

/**
 * Where to send the browser after signing in: a path on this site only. Anything that could leave
 * it (an absolute URL, `//host`, `/\host`, control characters) becomes `/` (open-redirect guard).
 */
export function safeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.length > 2000) return '/';
  // Browsers read a backslash as a slash and drop tabs and newlines, so "/\evil" or "/\t/evil" would leave the site.
  if (raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
