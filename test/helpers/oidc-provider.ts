import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

/**
 * A small OpenID provider for tests, on 127.0.0.1 and a random port: discovery, an authorisation
 * endpoint that approves the configured user at once (or refuses when there is none), a token
 * endpoint that checks the client, the code and PKCE and returns an RS256 ID token, and the JWKS.
 */

/** The claims the provider puts in the ID token for the user it approves. */
export interface TestOidcUser {
  sub: string;
  email?: string;
  email_verified?: boolean;
  [claim: string]: unknown;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next /authorize approves; undefined answers access_denied. */
  user: TestOidcUser | undefined;
  /** Sign ID tokens with a key the JWKS does not publish. */
  signWithUnknownKey: boolean;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

interface Grant {
  redirectUri: string;
  challenge: string;
  nonce?: string;
  user: TestOidcUser;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startOidcProvider(
  opts: { clientId?: string; clientSecret?: string; user?: TestOidcUser } = {},
): Promise<TestOidcProvider> {
  const keys = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();

  const provider: TestOidcProvider = {
    issuer: '',
    clientId: opts.clientId ?? 'together-test',
    clientSecret: opts.clientSecret ?? 'test-client-secret',
    user: opts.user,
    signWithUnknownKey: false,
    requests: [],
    close: async () => undefined,
  };

  function authorize(url: URL, res: http.ServerResponse) {
    const p = url.searchParams;
    const redirectUri = p.get('redirect_uri');
    if (p.get('client_id') !== provider.clientId || !redirectUri)
      return send(res, 400, { error: 'invalid_request' });
    const back = new URL(redirectUri);
    const state = p.get('state');
    if (state) back.searchParams.set('state', state);
    const challenge = p.get('code_challenge');
    const valid =
      p.get('response_type') === 'code' &&
      (p.get('scope') ?? '').split(' ').includes('openid') &&
      p.get('code_challenge_method') === 'S256' &&
      challenge;
    if (!valid) back.searchParams.set('error', 'invalid_request');
    else if (!provider.user) back.searchParams.set('error', 'access_denied');
    else {
      const code = crypto.randomBytes(16).toString('base64url');
      grants.set(code, { redirectUri, challenge, nonce: p.get('nonce') ?? undefined, user: provider.user });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.href });
    res.end();
  }

  async function token(req: http.IncomingMessage, res: http.ServerResponse) {
    const form = await readForm(req);
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (basic?.[1]) {
      const [u, s] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      id = decodeURIComponent(u ?? '');
      secret = decodeURIComponent(s ?? '');
    }
    if (id !== provider.clientId || secret !== provider.clientSecret)
      return send(res, 401, { error: 'invalid_client' });
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
    if (
      form.get('grant_type') !== 'authorization_code' ||
      !grant ||
      grant.redirectUri !== form.get('redirect_uri') ||
      grant.challenge !== challenge
    )
      return send(res, 400, { error: 'invalid_grant' });
    const { sub, ...claims } = grant.user;
    const key: CryptoKey = provider.signWithUnknownKey ? stranger.privateKey : keys.privateKey;
    const idToken = await new SignJWT({ ...claims, ...(grant.nonce ? { nonce: grant.nonce } : {}) })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(provider.issuer)
      .setAudience(provider.clientId)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    send(res, 200, {
      access_token: crypto.randomBytes(16).toString('base64url'),
      token_type: 'Bearer',
      expires_in: 300,
      id_token: idToken,
    });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', provider.issuer);
    provider.requests.push(url.pathname);
    const handle = async () => {
      if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration')
        return send(res, 200, {
          issuer: provider.issuer,
          authorization_endpoint: `${provider.issuer}/authorize`,
          token_endpoint: `${provider.issuer}/token`,
          jwks_uri: `${provider.issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
          scopes_supported: ['openid', 'email', 'profile'],
        });
      if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
      if (req.method === 'POST' && url.pathname === '/token') return token(req, res);
      if (req.method === 'GET' && url.pathname === '/jwks') return send(res, 200, { keys: [jwk] });
      return send(res, 404, { error: 'not_found' });
    };
    handle().catch(() => send(res, 500, { error: 'server_error' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    });
  return provider;
}
