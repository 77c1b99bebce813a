/** Option values checked as yargs parses them: a bad one is a usage error (exit 2) that names the option. */
import { UsageError } from './cli-error';

/** An integer within [min, max]; yargs' own `number` type lets "abc" through as NaN. */
export function integerIn(option: string, min: number, max: number): (value: unknown) => number | undefined {
  return (value) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${option} must be an integer from ${min} to ${max}, not "${String(value)}".`);
    return n;
  };
}

/** A comma list (also repeated options: `--analyzer a --analyzer b`), trimmed, without empties or repeats. */
export function commaList(option: string): (value: unknown) => string[] | undefined {
  return (value) => {
    if (value === undefined) return undefined;
    const items = [value].flat().flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
    if (!items.length) throw new UsageError(`--${option} needs at least one value.`);
    return [...new Set(items)];
  };
}

/** An absolute http(s) URL (callback and webhook targets). */
export function httpUrl(option: string): (value: unknown) => string | undefined {
  return (value) => {
    if (value === undefined) return undefined;
    const text = String(value);
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new UsageError(`--${option} must be an http(s) URL, not "${text}".`);
    return text;
  };
}

/** A text of 1..max characters (Idempotency-Key: 1–255). */
export function textUpTo(option: string, max: number): (value: unknown) => string | undefined {
  return (value) => {
    if (value === undefined) return undefined;
    const text = String(value);
    if (!text.length || text.length > max) throw new UsageError(`--${option} must be 1 to ${max} characters long.`);
    return text;
  };
}
