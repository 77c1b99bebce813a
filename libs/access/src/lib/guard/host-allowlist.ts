import type { NextFunction, Request, Response } from 'express';
import { MisdirectedRequestError, ProblemFilter, type AppConfigValues } from '@atelier/platform';

/**
 * The Host names this server answers to; any other answers 421, so a page on another site that
 * rebinds its DNS name to this address (DNS rebinding) cannot read answers or send changes.
 */
export function allowedHostsOf(v: Pick<AppConfigValues, 'allowedHosts' | 'host' | 'publicUrl'>): HostRule {
  if (v.allowedHosts) return { hosts: new Set(v.allowedHosts.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)), names: new Set() };
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  if (v.host && v.host !== '0.0.0.0' && v.host !== '::') names.add(v.host.includes(':') ? `[${v.host}]` : v.host.toLowerCase());
  const hosts = new Set<string>();
  if (v.publicUrl) hosts.add(new URL(v.publicUrl).host.toLowerCase());
  return { hosts, names };
}

/** `hosts`: exact Host values (an entry without a port allows any port); `names`: allowed with the port the request came in on. */
export interface HostRule {
  hosts: Set<string>;
  names: Set<string>;
}

/** Express middleware answering 421 problem+json for a Host outside the allow-list. */
export function hostAllowlist(rule: HostRule) {
  return (req: Request, res: Response, next: NextFunction) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const m = /^(.*?)(?::(\d+))?$/.exec(host)!;
    const [name, port] = [m[1], m[2] ?? '80'];
    if (rule.hosts.has(host) || rule.hosts.has(name) || (rule.names.has(name) && port === String(req.socket.localPort))) return next();
    const refused = new MisdirectedRequestError(`This server does not answer to the host "${host}". If that name is yours, add it to ALLOWED_HOSTS (or set PUBLIC_URL).`);
    res.status(421).type('application/problem+json').send(JSON.stringify(new ProblemFilter().toProblem(refused, req.originalUrl)));
  };
}
