import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { LoginResponse, SetupStatus, User } from '@atelier/contracts';
import { ATELIER_DB, inTransaction, type AtelierDb } from '@atelier/persistence';
import { ApiProblems, AppConfig, CurrentPrincipal, ForbiddenError, Public, UnauthenticatedError, type Principal } from '@atelier/platform';
import { LoginBody, SetupBody } from '../dto/access.bodies';
import { LoginResponseDto, SetupStatusDto, UserDto } from '../dto/access.responses';
import { SessionsService } from '../sessions/sessions.service';
import { UsersRepository, publicUser } from '../users/users.repository';
import { verifyAgainstDecoy, verifyPassword } from '../users/password-hasher';
import { AuditService } from '../audit/audit.service';
import { FirstAdmin } from '../setup/first-admin';
import { SESSION_COOKIE, cookieOf } from '../guard/authenticator';
import { clientIp } from '../guard/request-origin';
import { LoginThrottle } from './login-throttle';
import { secureCookies, sessionCookie } from './session-cookie';
import { SsoStatus } from './sso-status';

const WRONG_CREDENTIALS = 'That email and password do not match an account.';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersRepository,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly firstAdmin: FirstAdmin,
    private readonly sso: SsoStatus,
    @Inject(ATELIER_DB) private readonly db: AtelierDb,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Sign in with email and password; sets the session cookie' })
  @ApiOkResponse({ type: LoginResponseDto, description: 'Signed in; Set-Cookie: atelier_session' })
  @ApiProblems(400, 401, 429)
  async login(@Body() body: LoginBody, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const email = body.email.trim().toLowerCase();
    const ip = clientIp(req);
    await this.throttle.check(email, ip);
    const user = await this.users.byEmail(email);
    const ok = user && !user.disabled && user.password_hash ? await verifyPassword(user.password_hash, body.password) : await verifyAgainstDecoy(body.password);
    if (!user || !ok) {
      await this.throttle.failed(email, ip);
      await this.audit.record({ actor: user?.user_id, ip }, { action: 'auth.login_failed', target: email });
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    await this.throttle.succeeded(email);
    const token = await inTransaction(this.db, async () => {
      const t = await this.sessions.create(user.user_id, { ip, userAgent: req.headers['user-agent'] });
      await this.audit.record({ actor: user.user_id, ip }, { action: 'auth.login', target: user.user_id });
      return t;
    });
    this.setCookie(req, res, token);
    return { user: publicUser(user) };
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: 'End this session' })
  @ApiNoContentResponse({ description: 'Signed out; the session cookie is cleared' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = cookieOf(req, SESSION_COOKIE);
    if (token) await this.sessions.revoke(token);
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${this.secure(req) ? '; Secure' : ''}`);
  }

  @Get('me')
  @ApiOperation({ operationId: 'getMe', summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(401)
  async me(@CurrentPrincipal() principal: Principal): Promise<User> {
    const user = await this.users.get(principal.user_id);
    if (!user) throw new UnauthenticatedError('Sign in again.');
    return { ...publicUser(user), role: principal.role };
  }

  @Get('setup')
  @Public()
  @ApiOperation({ operationId: 'getSetupStatus', summary: 'Whether the first admin still has to be created, and whether SSO is offered' })
  @ApiOkResponse({ type: SetupStatusDto })
  async setupStatus(): Promise<SetupStatus> {
    return { needed: await this.firstAdmin.needed(), sso: this.sso.enabled };
  }

  @Post('setup')
  @Public()
  @HttpCode(201)
  @ApiOperation({ operationId: 'createFirstAdmin', summary: 'Create the first admin with the one-time token the server logged; signs it in' })
  @ApiCreatedResponse({ type: LoginResponseDto, description: 'The first admin, signed in; Set-Cookie: atelier_session' })
  @ApiProblems(400, 403, 409, 429)
  async setup(@Body() body: SetupBody, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const ip = clientIp(req);
    await this.throttle.check('setup', ip);
    let user: User;
    try {
      user = await this.firstAdmin.claim({ ip }, body.token, { email: body.email, password: body.password, name: body.name });
    } catch (err) {
      // Only a wrong token is a guess worth counting.
      if (err instanceof ForbiddenError) await this.throttle.failed('setup', ip);
      throw err;
    }
    this.setCookie(req, res, await this.sessions.create(user.user_id, { ip, userAgent: req.headers['user-agent'] }));
    return { user };
  }

  /** Sets the session cookie (also used by the SSO callback). */
  setCookie(req: Request, res: Response, token: string): void {
    res.setHeader('Set-Cookie', sessionCookie(req, this.config.values, token));
  }

  private secure(req: Request): boolean {
    return secureCookies(req, this.config.values);
  }
}
