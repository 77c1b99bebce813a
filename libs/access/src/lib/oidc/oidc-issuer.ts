import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AppConfig } from '@atelier/platform';
import type { LoginState } from './oidc-login-state';
import { SsoError } from './sso-error';

/** Seconds any request to the issuer may take (discovery, token, userinfo, keys). */
const ISSUER_TIMEOUT_S = 10;
const BASE_SCOPES = ['openid', 'email', 'profile'];

export type IdentityClaims = Record<string, unknown> & { sub: string };

/**
 * The OpenID Connect issuer, through openid-client: discovered at first use (the issuer may start
 * after Atelier) and kept; a failed discovery is tried again by the next sign-in.
 */
@Injectable()
export class OidcIssuer {
  private readonly logger = new Logger('SSO');
  private configuration?: Promise<oidc.Configuration>;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  /** Where to send the browser, and what its callback must match. */
  async authorizationUrl(redirectUri: string, returnTo: string): Promise<{ url: URL; state: LoginState }> {
    const configuration = await this.discovered();
    const state: LoginState = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), redirectUri, returnTo };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.scopes(configuration).join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(state.codeVerifier),
      code_challenge_method: 'S256',
      state: state.state,
      nonce: state.nonce,
    });
    return { url, state };
  }

  /**
   * Redeems the code of a callback (`query`: its query string) and answers the person's claims: the
   * ID token's, completed by the userinfo endpoint's (many issuers put email and groups only there).
   */
  async redeem(query: string, pending: LoginState): Promise<IdentityClaims> {
    const configuration = await this.discovered();
    const callbackUrl = new URL(pending.redirectUri);
    callbackUrl.search = query;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      const userinfo = configuration.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub) : {};
      return { ...idClaims, ...userinfo, sub: idClaims.sub };
    } catch (err) {
      throw this.redeemError(err);
    }
  }

  private discovered(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((err: unknown) => {
      this.configuration = undefined;
      throw err;
    });
    return this.configuration;
  }

  private async discover(): Promise<oidc.Configuration> {
    const { oidcIssuerUrl, oidcClientId, oidcClientSecret } = this.config.values;
    if (!oidcIssuerUrl || !oidcClientId) throw new SsoError(404, 'sso_not_configured', 'Sign-in with SSO is not configured on this server (OIDC_ISSUER_URL, OIDC_CLIENT_ID).');
    const issuer = new URL(oidcIssuerUrl);
    try {
      const configuration = await oidc.discovery(issuer, oidcClientId, oidcClientSecret || undefined, oidcClientSecret ? undefined : oidc.None(), {
        timeout: ISSUER_TIMEOUT_S,
        // An http:// issuer is the operator's explicit choice (a test provider, a private network).
        execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      });
      this.logger.log(`Discovered the OIDC issuer ${configuration.serverMetadata().issuer}`);
      return configuration;
    } catch (err) {
      this.logger.warn(`OIDC discovery at ${oidcIssuerUrl} failed: ${describe(err)}`);
      throw new SsoError(503, 'sso_unavailable', `The SSO issuer (${oidcIssuerUrl}) cannot be reached or did not answer as an OpenID provider: ${describe(err)}. Try again later, or sign in with a password.`, { cause: err });
    }
  }

  /** openid, email and profile; plus the role claim's own scope when the issuer offers one of that name (e.g. "groups"). */
  private scopes(configuration: oidc.Configuration): string[] {
    const claim = this.config.values.oidcRoleClaim;
    const offered = configuration.serverMetadata().scopes_supported ?? [];
    return claim && offered.includes(claim) && !BASE_SCOPES.includes(claim) ? [...BASE_SCOPES, claim] : BASE_SCOPES;
  }

  private redeemError(err: unknown): SsoError {
    if (err instanceof SsoError) return err;
    if (err instanceof oidc.AuthorizationResponseError) {
      const denied = err.error === 'access_denied';
      return new SsoError(403, denied ? 'sso_denied' : 'sso_failed', denied ? 'The sign-in was cancelled or refused at the SSO issuer.' : `The SSO issuer refused the sign-in: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}.`, { cause: err });
    }
    if (err instanceof oidc.ResponseBodyError) {
      return new SsoError(401, 'sso_failed', `The SSO issuer did not accept the sign-in code: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}. Sign in again.`, { cause: err });
    }
    if (isNetworkError(err)) {
      this.logger.warn(`The OIDC issuer could not be reached: ${describe(err)}`);
      return new SsoError(503, 'sso_unavailable', `The SSO issuer cannot be reached (${describe(err)}). Try again later, or sign in with a password.`, { cause: err });
    }
    this.logger.warn(`An SSO sign-in failed validation: ${describe(err)}`);
    return new SsoError(401, 'sso_failed', `The answer of the SSO issuer did not pass validation (${describe(err)}). Sign in again.`, { cause: err });
  }
}

/** fetch() failing to connect, or a timeout. */
function isNetworkError(err: unknown): boolean {
  return (err instanceof TypeError && err.message === 'fetch failed') || (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError'));
}

function describe(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `${e?.message ?? String(err)}${cause ? ` (${cause})` : ''}`;
}
