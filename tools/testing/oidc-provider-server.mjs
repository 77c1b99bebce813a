#!/usr/bin/env node
/**
 * A real OpenID Connect provider (the `oidc-provider` package) for the SSO tests: one confidential
 * client, PKCE required, and a minimal login + consent interaction a test drives over HTTP.
 *
 *   OIDC_CLIENT_ID=atelier OIDC_CLIENT_SECRET=s3cret OIDC_REDIRECT_URIS=http://127.0.0.1:3000/api/auth/oidc/callback \
 *     node tools/testing/oidc-provider-server.mjs [--port 0]
 *
 * It prints one line `{"issuer":"http://127.0.0.1:<port>"}` on stdout once it listens.
 *
 * Interaction (no dev interactions): the authorization endpoint redirects to /interaction/<uid>,
 * whose page holds a form posting to /interaction/<uid>/login (fields: email, email_verified
 * "true"|"false", name, groups as a comma list, sub optional: default derived from the email),
 * then to /interaction/<uid>/consent. GET /interaction/<uid>/abort denies (error=access_denied).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({ options: { port: { type: 'string' } } });
const port = Number(args.port ?? process.env.OIDC_PROVIDER_PORT ?? 0);
const clientId = process.env.OIDC_CLIENT_ID ?? 'atelier';
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? 'atelier-test-secret';
const redirectUris = (process.env.OIDC_REDIRECT_URIS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
if (redirectUris.length === 0) {
  console.error('OIDC_REDIRECT_URIS (comma list) is required');
  process.exit(2);
}

/** Accounts as the login form described them, by subject. */
const accounts = new Map();

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
}

function configuration() {
  return {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      const claims = accounts.get(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
  };
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(body))));
    req.on('error', reject);
  });
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res, uid, prompt) {
  const fields =
    prompt === 'login'
      ? ['email', 'email_verified', 'name', 'groups', 'sub'].map((f) => `<label>${f} <input name="${f}"></label>`).join('\n')
      : '<p>Allow the application to sign you in?</p>';
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><title>${prompt}</title>
<form method="post" action="/interaction/${escape(uid)}/${prompt}" data-prompt="${prompt}">
${fields}
<button type="submit">${prompt === 'login' ? 'Sign in' : 'Allow'}</button>
</form>
<a href="/interaction/${escape(uid)}/abort">Cancel</a>`);
}

async function login(provider, req, res) {
  const form = await readForm(req);
  if (!form.email) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    return res.end('email is required');
  }
  const sub = form.sub || `sub-${Buffer.from(form.email).toString('hex')}`;
  accounts.set(sub, {
    email: form.email,
    email_verified: form.email_verified !== 'false',
    name: form.name || form.email,
    groups: (form.groups ?? '').split(',').map((g) => g.trim()).filter(Boolean),
  });
  await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
}

async function consent(provider, req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
}

async function interaction(provider, req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET' && !action) return page(res, uid, details.prompt.name);
  if (req.method === 'GET' && action === 'abort') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user cancelled the sign-in.' }, { mergeWithLastSubmission: false });
  }
  if (req.method === 'POST' && action === details.prompt.name && action === 'login') return login(provider, req, res);
  if (req.method === 'POST' && action === details.prompt.name && action === 'consent') return consent(provider, req, res);
  res.writeHead(400, { 'content-type': 'text/plain' });
  res.end(`this interaction expects ${details.prompt.name}`);
}

const server = createServer();
server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, configuration());
  const handle = provider.callback();
  server.on('request', (req, res) => {
    const m = /^\/interaction\/([\w-]+)(?:\/(login|consent|abort))?\/?(?:\?.*)?$/.exec(req.url ?? '');
    if (!m) return handle(req, res);
    interaction(provider, req, res, m[1], m[2]).catch((err) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(err?.message ?? err));
    });
  });
  console.log(JSON.stringify({ issuer }));
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
