import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { ATELIER_DB, type AtelierDb } from '@atelier/persistence';
import { TooManyRequestsError } from '@atelier/platform';

const WINDOW_MS = 15 * 60_000;
/** Failures of one account before each further try must wait (1 s, doubling, at most a minute). */
const FREE_FAILURES = 5;
/** Failures after which the account, or the address, is refused for the rest of the window. */
const ACCOUNT_LIMIT = 20;
const IP_LIMIT = 100;

/**
 * Slows, then refuses, password guessing, per account and per client address, shared by every
 * node through the database. A success clears the account's count (not the address's).
 */
@Injectable()
export class LoginThrottle {
  constructor(@Inject(ATELIER_DB) private readonly db: AtelierDb) {}

  /** Throws 429 with Retry-After when this try must wait or is refused. */
  async check(email: string, ip: string): Promise<void> {
    const now = Date.now();
    for (const [subject, limit] of [[`account:${email}`, ACCOUNT_LIMIT], [`ip:${ip}`, IP_LIMIT]] as const) {
      const row = await this.db.selectFrom('login_failures').selectAll().where('subject', '=', subject).executeTakeFirst();
      if (!row || now - Date.parse(row.first_at) > WINDOW_MS) continue;
      const failures = Number(row.failures);
      if (failures >= limit) {
        const wait = Math.ceil((Date.parse(row.first_at) + WINDOW_MS - now) / 1000);
        throw new TooManyRequestsError(`Too many failed sign-ins ${subject.startsWith('ip') ? 'from this address' : 'for this account'}; try again in ${wait} s.`, wait, 'login_throttled');
      }
      // Only an account is slowed: an office behind one address must not wait for a colleague's typos.
      if (subject.startsWith('account:') && failures >= FREE_FAILURES) {
        const delay = Math.min(60_000, 1000 * 2 ** (failures - FREE_FAILURES));
        const ready = Date.parse(row.last_at) + delay;
        if (now < ready) {
          const wait = Math.ceil((ready - now) / 1000);
          throw new TooManyRequestsError(`Too many failed sign-ins; wait ${wait} s before trying again.`, wait, 'login_throttled');
        }
      }
    }
  }

  async failed(email: string, ip: string): Promise<void> {
    const now = new Date().toISOString();
    const windowStart = new Date(Date.now() - WINDOW_MS).toISOString();
    for (const subject of [`account:${email}`, `ip:${ip}`]) {
      await this.db
        .insertInto('login_failures')
        .values({ subject, failures: 1, first_at: now, last_at: now })
        .onConflict((oc) =>
          oc.column('subject').doUpdateSet({
            // A count older than the window starts again.
            failures: sql<number>`CASE WHEN login_failures.first_at < ${windowStart} THEN 1 ELSE login_failures.failures + 1 END`,
            first_at: sql<string>`CASE WHEN login_failures.first_at < ${windowStart} THEN ${now} ELSE login_failures.first_at END`,
            last_at: now,
          }),
        )
        .execute();
    }
  }

  async succeeded(email: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('subject', '=', `account:${email}`).execute();
  }
}
