/**
 * Why an SSO sign-in failed, in words, from the short code the server puts in `/login?error=<code>`
 * when its callback cannot go on.
 */
const MESSAGES: Readonly<Record<string, string>> = {
  account_disabled: 'This account is disabled. Ask an Atelier admin.',
  sso_email_unverified: 'An Atelier account has this email, but the SSO issuer does not say the email is verified, so they cannot be linked. Ask an Atelier admin.',
  sso_account_conflict: 'The Atelier account with this email is linked to another SSO identity. Ask an Atelier admin.',
  sso_no_email: 'The SSO issuer did not share a usable email address. Ask whoever runs it to allow the "email" scope for Atelier.',
  sso_not_configured: 'Sign-in with SSO is not configured on this server.',
  sso_expired: 'This sign-in expired, or was started in another browser. Start it again.',
  sso_state_mismatch: 'The answer of the SSO issuer does not belong to the sign-in this browser started. Start it again.',
  sso_unavailable: 'The SSO issuer cannot be reached. Try again later, or sign in with a password.',
  sso_denied: 'The sign-in was cancelled or refused at the SSO issuer.',
};

export function ssoErrorMessage(code: string): string {
  return MESSAGES[code] ?? 'Signing in with SSO failed. Try again, or sign in with a password.';
}
