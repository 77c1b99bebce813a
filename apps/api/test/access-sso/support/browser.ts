/**
 * A browser reduced to what an OpenID Connect sign-in needs: redirects followed by hand, cookies
 * kept per host and path (with Max-Age=0 removing one), and HTML forms posted.
 */
interface StoredCookie {
  host: string;
  path: string;
  name: string;
  value: string;
}

export interface Visit {
  url: string;
  status: number;
  location?: string;
  setCookies: string[];
  body: string;
}

export class Browser {
  private cookies: StoredCookie[] = [];

  async get(url: string, headers: Record<string, string> = {}): Promise<Visit> {
    return this.send(url, { method: 'GET', headers: { accept: 'text/html,application/xhtml+xml', ...headers } });
  }

  async post(url: string, form: Record<string, string>): Promise<Visit> {
    return this.send(url, { method: 'POST', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  }

  cookieHeader(url: string): string {
    const u = new URL(url);
    return this.cookies
      .filter((c) => c.host === u.host && (u.pathname === c.path || u.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  cookie(host: string, name: string): string | undefined {
    return this.cookies.find((c) => c.host === host && c.name === name)?.value;
  }

  setCookie(url: string, name: string, value: string, path = '/'): void {
    this.store(new URL(url), `${name}=${value}; Path=${path}`);
  }

  private async send(url: string, init: RequestInit & { headers: Record<string, string> }): Promise<Visit> {
    const cookie = this.cookieHeader(url);
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, ...(cookie ? { cookie } : {}) } });
    const setCookies = res.headers.getSetCookie();
    for (const header of setCookies) this.store(new URL(url), header);
    const location = res.headers.get('location');
    return { url, status: res.status, location: location ? new URL(location, url).href : undefined, setCookies, body: await res.text() };
  }

  private store(url: URL, header: string): void {
    const [pair, ...attributes] = header.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const path = attr('path') ?? '/';
    const maxAge = attr('max-age');
    const expires = attr('expires');
    this.cookies = this.cookies.filter((c) => !(c.host === url.host && c.path === path && c.name === name));
    const gone = (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
    if (!gone) this.cookies.push({ host: url.host, path, name, value });
  }
}
