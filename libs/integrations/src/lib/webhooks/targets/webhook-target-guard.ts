/**
 * SSRF protection for webhook and callback URLs: the URL is checked when it is given (its host
 * resolved, every address judged), and again at connect time by the lookup the HTTP request uses,
 * so a name that resolves to a public address at creation and a private one later (DNS
 * rebinding) is still refused. WEBHOOK_ALLOW_PRIVATE_NETWORKS=true turns both checks off.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { ALLOW_PRIVATE_VARIABLE, WebhookTargetForbiddenError, invalidField } from '../webhook-errors';
import { refusalOf } from './address-ranges';

export const MAX_URL_LENGTH = 2048;

/** Resolves a host name to every address it has (node:dns by default; tests pass their own). */
export type Resolver = (host: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

export class WebhookTargetGuard {
  constructor(
    readonly allowPrivate: boolean,
    private readonly resolve: Resolver = systemResolver,
  ) {}

  /** The URL, parsed, when it may receive webhooks; otherwise a 400 naming `field` and saying why. */
  async check(raw: unknown, field = 'url'): Promise<URL> {
    const url = parseTarget(raw, field);
    if (this.allowPrivate) return url;
    const host = hostOf(url);
    const addresses = isIP(host) ? [host] : await this.addressesOf(host, field);
    for (const address of addresses) this.assertPublic(address, host);
    return url;
  }

  /**
   * A `lookup` for node:http(s) that refuses a private address at the moment of connecting. Node
   * calls it only for host names; an IP literal was judged by check() and cannot change.
   */
  connectLookup(): LookupFunction {
    return (hostname, options, callback) => {
      this.resolve(hostname).then(
        (addresses) => {
          try {
            if (!this.allowPrivate) for (const a of addresses) this.assertPublic(a.address, hostname);
          } catch (err) {
            callback(err as NodeJS.ErrnoException, '', 0);
            return;
          }
          const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
          if (wanted.length === 0) {
            callback(Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: 'ENOTFOUND' }), '', 0);
          } else if (options.all) {
            (callback as unknown as (err: null, addresses: LookupAddress[]) => void)(null, wanted);
          } else callback(null, wanted[0].address, wanted[0].family);
        },
        (err: NodeJS.ErrnoException) => callback(err, '', 0),
      );
    };
  }

  private async addressesOf(host: string, field: string): Promise<string[]> {
    try {
      const found = await this.resolve(host);
      if (found.length > 0) return found.map((a) => a.address);
    } catch {
      // Reported below, the same for "no such name" and a failing resolver.
    }
    throw invalidField(field, `The host "${host}" of ${field} does not resolve to any address; check the name.`);
  }

  private assertPublic(address: string, host: string): void {
    const why = refusalOf(address);
    if (why === null) return;
    const via = address === host ? '' : ` (${host} resolves to it)`;
    throw new WebhookTargetForbiddenError(
      `Webhooks are not sent to ${why}${via}. Use a public address, or set ${ALLOW_PRIVATE_VARIABLE}=true on the server to allow private networks.`,
    );
  }
}

/** An absolute http(s) URL without credentials, at most MAX_URL_LENGTH characters. */
export function parseTarget(raw: unknown, field = 'url'): URL {
  if (typeof raw !== 'string' || raw.trim() === '') throw invalidField(field, `${field} must be an absolute http:// or https:// URL.`);
  if (raw.length > MAX_URL_LENGTH) throw invalidField(field, `${field} is longer than ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalidField(field, `${field} is not a valid URL: "${raw.slice(0, 100)}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidField(field, `${field} must use http:// or https://, not ${url.protocol}//.`);
  }
  if (url.username || url.password) throw invalidField(field, `${field} must not hold a user name or password; authenticate with the signature instead.`);
  if (url.hash) throw invalidField(field, `${field} must not have a #fragment.`);
  return url;
}

/** The host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
