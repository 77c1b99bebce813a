import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@atelier/platform';

/** Whether "Sign in with SSO" is offered: an OIDC issuer and client are configured. */
@Injectable()
export class SsoStatus {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return !!(this.config.values.oidcIssuerUrl && this.config.values.oidcClientId);
  }
}
