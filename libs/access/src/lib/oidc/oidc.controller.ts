import { Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems, AppConfig, Public } from '@atelier/platform';
import { SsoStatus } from '../auth/sso-status';
import { sessionCookie } from '../auth/session-cookie';
import { clientIp } from '../guard/request-origin';
import { OidcIssuer } from './oidc-issuer';
import { OidcLoginState } from './oidc-login-state';
import { OidcService } from './oidc.service';
import { safeReturnTo } from './return-to';
import { SsoError } from './sso-error';

export const CALLBACK_PATH = '/api/auth/oidc/callback';

/**
 * "Sign in with SSO": OpenID Connect, authorization code with PKCE. A browser meeting an error is
 * sent to the console's `/login?error=<code>`; a client asking for JSON gets problem+json.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  private readonly logger = new Logger('SSO');

  constructor(
    private readonly issuer: OidcIssuer,
    private readonly loginState: OidcLoginState,
    private readonly oidc: OidcService,
    private readonly sso: SsoStatus,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @Public()
  @ApiOperation({ operationId: 'startSsoLogin', summary: 'Start a sign-in with SSO: redirects to the OpenID Connect issuer' })
  @ApiQuery({ name: 'return_to', required: false, description: 'Path on this site to open after signing in (default /)' })
  @ApiResponse({ status: 302, description: 'To the issuer (or to /login?error=<code> for a browser)' })
  @ApiProblems(404, 429, 503)
  async login(@Query('return_to') rawReturnTo: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const returnTo = safeReturnTo(rawReturnTo);
    try {
      if (!this.sso.enabled) throw new SsoError(404, 'sso_not_configured', 'Sign-in with SSO is not configured on this server (OIDC_ISSUER_URL, OIDC_CLIENT_ID).');
      const { url, state } = await this.issuer.authorizationUrl(this.redirectUri(req), returnTo);
      res.setHeader('Set-Cookie', await this.loginState.cookie(req, state));
      redirect(res, url.href);
    } catch (err) {
      this.fail(req, res, err, returnTo);
    }
  }

  @Get('callback')
  @Public()
  @ApiOperation({ operationId: 'finishSsoLogin', summary: 'Where the issuer sends the browser back: opens a session and redirects to return_to' })
  @ApiResponse({ status: 302, description: 'To return_to with the session cookie (or to /login?error=<code> for a browser)' })
  @ApiProblems(400, 401, 403, 409, 429, 503)
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const pending = await this.loginState.read(req);
    const clearState = this.loginState.cleared(req);
    res.setHeader('Set-Cookie', clearState);
    try {
      if (!pending) throw new SsoError(400, 'sso_expired', 'This sign-in expired, or was started in another browser. Start it again.');
      if (req.query['state'] !== pending.state) throw new SsoError(400, 'sso_state_mismatch', 'The answer of the SSO issuer does not belong to the sign-in this browser started. Start it again.');
      const claims = await this.issuer.redeem(new URL(req.originalUrl, 'http://callback.invalid').search, pending);
      const { token } = await this.oidc.signIn(claims, { ip: clientIp(req), userAgent: req.headers['user-agent'] });
      res.setHeader('Set-Cookie', [clearState, sessionCookie(req, this.config.values, token)]);
      redirect(res, pending.returnTo);
    } catch (err) {
      this.fail(req, res, err, pending?.returnTo ?? '/');
    }
  }

  /** PUBLIC_URL's callback, or this request's own origin's (its Host passed the allow-list). */
  private redirectUri(req: Request): string {
    const base = this.config.values.publicUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host')}`;
    return `${base}${CALLBACK_PATH}`;
  }

  /** A browser goes to the login page with a short error code; an API client gets the problem+json (thrown to the filter). */
  private fail(req: Request, res: Response, err: unknown, returnTo: string): void {
    if (req.accepts(['html', 'json']) !== 'html') throw err;
    if (!(err instanceof SsoError)) this.logger.error(`SSO sign-in failed: ${(err as Error)?.message}`, (err as Error)?.stack);
    const code = err instanceof SsoError ? err.code : 'sso_failed';
    redirect(res, `/login?error=${code}${returnTo === '/' ? '' : `&return_to=${encodeURIComponent(returnTo)}`}`);
  }
}

function redirect(res: Response, location: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.redirect(302, location);
}
