import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { ATELIER_DB, type AtelierDb } from '@atelier/persistence';
import { AppConfig } from '@atelier/platform';
import { cookieOf } from '../guard/authenticator';
import { secureCookies } from '../auth/session-cookie';

export const LOGIN_STATE_COOKIE = 'atelier_oidc';
const COOKIE_PATH = '/api/auth/oidc';
/** Time a person has to sign in at the issuer. */
export const LOGIN_STATE_TTL_MS = 10 * 60_000;
const KEY_SETTING = 'oidc_state_key';
const AAD = Buffer.from('atelier oidc login state v1');

/** What a sign-in started here must find again when the issuer sends the browser back. */
export interface LoginState {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  returnTo: string;
}

interface Sealed extends LoginState {
  expiresAt: number;
}

/**
 * The pending SSO sign-in, kept in the browser as an HttpOnly cookie sealed with AES-256-GCM
 * (secret and tamper-proof). The key lives in the database, so the callback may reach any node.
 */
@Injectable()
export class OidcLoginState {
  private key?: Promise<Buffer>;

  constructor(
    @Inject(ATELIER_DB) private readonly db: AtelierDb,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** The Set-Cookie value holding `state` for LOGIN_STATE_TTL_MS. */
  async cookie(req: Request, state: LoginState): Promise<string> {
    const sealed: Sealed = { ...state, expiresAt: Date.now() + LOGIN_STATE_TTL_MS };
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.keyOnce(), iv).setAAD(AAD);
    const body = Buffer.concat([cipher.update(JSON.stringify(sealed), 'utf8'), cipher.final()]);
    const value = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    return `${LOGIN_STATE_COOKIE}=${value}; Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=${LOGIN_STATE_TTL_MS / 1000}${this.secure(req)}`;
  }

  /** The Set-Cookie value that removes it (a state is good for one callback). */
  cleared(req: Request): string {
    return `${LOGIN_STATE_COOKIE}=; Path=${COOKIE_PATH}; HttpOnly; SameSite=Lax; Max-Age=0${this.secure(req)}`;
  }

  /** The request's pending sign-in; undefined when absent, altered, sealed with another key, or expired. */
  async read(req: Request): Promise<LoginState | undefined> {
    const raw = cookieOf(req, LOGIN_STATE_COOKIE);
    if (!raw) return undefined;
    const bytes = Buffer.from(raw, 'base64url');
    if (bytes.length < 29) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', await this.keyOnce(), bytes.subarray(0, 12)).setAAD(AAD);
      decipher.setAuthTag(bytes.subarray(12, 28));
      const sealed = JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')) as Sealed;
      if (!(sealed.expiresAt > Date.now())) return undefined;
      return { state: sealed.state, nonce: sealed.nonce, codeVerifier: sealed.codeVerifier, redirectUri: sealed.redirectUri, returnTo: sealed.returnTo };
    } catch {
      return undefined;
    }
  }

  private secure(req: Request): string {
    return secureCookies(req, this.config.values) ? '; Secure' : '';
  }

  /** One random key per installation, made by whichever node needs it first; every node reads the same row. */
  private keyOnce(): Promise<Buffer> {
    this.key ??= this.loadKey().catch((err: unknown) => {
      this.key = undefined;
      throw err;
    });
    return this.key;
  }

  private async loadKey(): Promise<Buffer> {
    await this.db
      .insertInto('access_settings')
      .values({ key: KEY_SETTING, value: randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.db.selectFrom('access_settings').select('value').where('key', '=', KEY_SETTING).executeTakeFirstOrThrow();
    return Buffer.from(row.value, 'base64url');
  }
}
